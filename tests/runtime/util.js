// util: inspect output, format, promisify, callbackify, types, deep equality.
const assert = require('assert');
const util = require('util');
const { inspect, format } = util;

assert.strictEqual(inspect('a\'b'), `"a'b"`);
assert.strictEqual(inspect('a\nb'), "'a\\nb'");
assert.strictEqual(inspect(-0), '-0');
assert.strictEqual(inspect(10n), '10n');
assert.strictEqual(inspect(Symbol('s')), 'Symbol(s)');
assert.strictEqual(inspect([1, [2, [3, [4, [5]]]]]), '[ 1, [ 2, [ 3, [Array] ] ] ]');
assert.strictEqual(inspect({ a: { b: { c: { d: 1 } } } }), '{ a: { b: { c: [Object] } } }');
assert.strictEqual(inspect({ a: { b: { c: { d: 1 } } } }, { depth: null }), '{\n  a: { b: { c: { d: 1 } } }\n}');
assert.strictEqual(inspect(new Map([['k', { v: 1 }]])), "Map(1) { 'k' => { v: 1 } }");
assert.strictEqual(inspect(new Set([1, 'two'])), "Set(2) { 1, 'two' }");
assert.strictEqual(inspect(Object.create(null)), '[Object: null prototype] {}');
class Foo { constructor() { this.x = 1; } }
assert.strictEqual(inspect(new Foo()), 'Foo { x: 1 }');
assert.strictEqual(inspect(class Bar extends Foo {}), '[class Bar extends Foo]');
assert.strictEqual(inspect(function named() {}), '[Function: named]');
assert.strictEqual(inspect(async () => {}), '[AsyncFunction (anonymous)]');
assert.strictEqual(inspect([1, , 3]), '[ 1, <1 empty item>, 3 ]');
assert.strictEqual(inspect({ 'key-with-dash': 1, [Symbol('s')]: 2 }), "{ 'key-with-dash': 1, [Symbol(s)]: 2 }");
const circular = { name: 'c' };
circular.self = circular;
assert.strictEqual(inspect(circular), "<ref *1> { name: 'c', self: [Circular *1] }");
assert.strictEqual(inspect(Promise.resolve(3)), 'Promise { 3 }');
assert.strictEqual(inspect(new Promise(() => {})), 'Promise { <pending> }');
assert.strictEqual(inspect(new Uint8Array([1, 2])), 'Uint8Array(2) [ 1, 2 ]');
assert.strictEqual(inspect(new Date(0)), '1970-01-01T00:00:00.000Z');
assert.strictEqual(inspect(/re/g), '/re/g');
assert.strictEqual(inspect(new Number(3)), '[Number: 3]');
assert.strictEqual(inspect({ get g() { return 1; } }), '{ g: [Getter] }');
assert.strictEqual(inspect(Array.from({ length: 30 }, (_, i) => i)),
  '[\n   0,  1,  2,  3,  4,  5,  6,  7,  8,\n   9, 10, 11, 12, 13, 14, 15, 16, 17,\n  18, 19, 20, 21, 22, 23, 24, 25, 26,\n  27, 28, 29\n]');
assert.strictEqual(inspect({ [inspect.custom]: () => 'custom!' }), 'custom!');
assert.strictEqual(inspect('x'.repeat(5), { colors: true }), "\u001b[32m'xxxxx'\u001b[39m");

assert.strictEqual(format('%s:%d:%i:%f:%j', 'a', 1.5, 1.5, '2.5', { x: 1 }), 'a:1.5:1:2.5:{"x":1}');
assert.strictEqual(format('%o', [1]), '[ 1, [length]: 1 ]');
assert.strictEqual(format('%%s %s', 'x', 'extra', 2), '%s x extra 2');
assert.strictEqual(format(1, 'a', { b: 2 }), "1 a { b: 2 }");

assert.ok(util.types.isPromise(Promise.resolve()));
assert.ok(util.types.isRegExp(/x/));
assert.ok(util.types.isUint8Array(new Uint8Array()));
assert.ok(util.isDeepStrictEqual({ a: [1, { b: 2 }] }, { a: [1, { b: 2 }] }));
assert.ok(!util.isDeepStrictEqual([1], ['1']));

const fn = util.promisify((a, cb) => setTimeout(() => cb(null, a * 2), 1));
const callbackified = util.callbackify(async (x) => x + 1);
(async () => {
  assert.strictEqual(await fn(21), 42);
  await new Promise((resolve) => callbackified(1, (err, value) => {
    assert.strictEqual(value, 2);
    resolve();
  }));
  const { values, positionals } = util.parseArgs({ args: ['-f', '--name', 'x', 'pos'], options: { f: { type: 'boolean' }, name: { type: 'string' } }, allowPositionals: true });
  assert.deepStrictEqual({ ...values }, { f: true, name: 'x' });
  assert.deepStrictEqual(positionals, ['pos']);
})();
