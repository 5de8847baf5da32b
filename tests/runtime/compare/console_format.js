// console.log formatting, compared with node.
class Point {
  constructor(x, y) {
    this.x = x;
    this.y = y;
  }
}
class Empty {}
const nested = { level1: { level2: { level3: { level4: 'deep' } } }, list: [1, 2, [3, [4, [5]]]] };
const circular = { name: 'loop', children: [] };
circular.children.push(circular);
circular.parent = { child: circular };
const long = { alpha: 'aaaaaaaaaaaaaaa', beta: 'bbbbbbbbbbbbbbbbbbbb', gamma: 'ccccccccccccccccc', delta: 'ddddddddddddddd' };

console.log('string', 42, -0, 1.5, 10n, true, null, undefined, Symbol('sym'));
console.log(['a', "b'c", 'd"e\'f', 'new\nline', 'tab\t']);
console.log({ a: 1, 'b-c': 2, [Symbol('k')]: 3, 4: 'four', nested: { x: [] } });
console.log(nested);
console.log(circular);
console.log(long);
console.log(new Point(1, 2), new Empty(), Object.create(null), Object.create(Point.prototype));
console.log([1, , 3, , , 6], new Array(3), [undefined, null]);
console.log(Array.from({ length: 120 }, (_, i) => i));
console.log(Array.from({ length: 26 }, (_, i) => String.fromCharCode(97 + i).repeat(i % 5 + 1)));
console.log(new Map([['a', 1], [{ k: 1 }, [1, 2]]]), new Set([1, 'two', [3]]), new Map(), new Set());
console.log(new Map([[1, 2]]).entries(), new Set([5]).values(), [1, 2][Symbol.iterator]());
console.log(new WeakMap(), new WeakSet(), Promise.resolve({ ok: true }), Promise.reject(new Error('r')).catch(() => {}) && 1);
console.log(new Promise(() => {}));
console.log(function namedFn() {}, () => {}, async function asyncFn() {}, function* gen() {}, class Klass {}, class extends Point {});
console.log(Math.max, Object.assign(function withProps() {}, { extra: 1 }));
console.log(new Date(86400000), new Date(NaN), /ab+c/gi, new Number(5), new String('boxed'), new Boolean(false));
console.log(new Uint8Array([1, 2, 3]), new Float64Array(2), new ArrayBuffer(4), new DataView(new ArrayBuffer(2)));
console.log(Buffer.from('buffer'), [Buffer.alloc(2)]);
console.log({ get onlyGetter() { return 1; }, set onlySetter(v) {}, get both() { return 2; }, set both(v) {} });
console.log([[[[['deep array']]]]], { a: [{ b: { c: {} } }] });
console.log('%s and %s', 'one', 'two', 'three');
console.log('%d %i %f', '42.9', 42.9, '3.25abc');
console.log('%j %j', { json: [1, 'two'] }, 'str');
console.log('%o', { a: [1, 2], f() {} });
console.log('%O', { a: [1, 2] });
console.log('%c styled', 'color: red');
console.log('100%', '%', '%%', '%x');
console.log('%s', { toString() { return 'custom toString'; } }, '%s', null);
console.log('%s', new Error('in format'));
console.log(Object.assign(new Error('with props'), { code: 'E_CODE', extra: { deep: true } }).code);
console.log([new Error('in array').message], { err: 'x' });
console.log(process.argv.length > 1, typeof globalThis);
console.log('a'.repeat(100));
console.log(['x'.repeat(30), 'y'.repeat(30), 'z'.repeat(30)]);
console.log({ text: 'line one\nline two and some more text to make it long enough to split into lines' });
console.log(new (class Foo extends Map {})([[1, 2]]), new (class Bar extends Array {})(1, 2));
console.log(Object.assign([1, 2], { extra: true }), Object.assign(() => {}, { prop: 1 }));
console.log({ __proto__: { inherited: 1 }, own: 2 });
console.info('info'); console.debug('debug');
console.log();
console.log('');
