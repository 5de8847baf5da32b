// More util.inspect cases, compared with node.
const { inspect } = require('util');
class Tagged { get [Symbol.toStringTag]() { return 'Tag'; } }
class WithStatic { static count = 3; static helper() {} }
const objs = [
  { a: 1, b: 2, c: 3, d: 4, e: 5, f: 6, g: 7, h: 8, i: 9, j: 10, k: 11, l: 12, m: 13, n: 14, o: 15, p: 16, q: 17, r: 18, s: 19, t: 20, u: 21, v: 22, w: 23, x: 24, y: 25, z: 26 },
  [{ id: 1, name: 'first', tags: ['a', 'b'] }, { id: 2, name: 'second', tags: [] }, { id: 3, name: 'third', tags: ['c'] }],
  new Map([['outer', new Map([['inner', new Set([1, 2])]])]]),
  { str: 'multi\nline\nstring with enough text to be long, longer than sixteen chars', short: 'x' },
  ['a'.repeat(20), 'b'.repeat(20), 'c'.repeat(20), 'd'.repeat(20), 'e'.repeat(20), 'f'.repeat(20), 'g'.repeat(20)],
  [-0, 0, 1e21, 1.5e-7, NaN, Infinity, -Infinity, 123456789012345680000],
  new Tagged(), Object.assign(Object.create({ proto: 1 }), { own: 2 }), WithStatic,
  Object.assign([1, 2, , 4], { extra: 'prop', [Symbol('s')]: 1 }),
  new Uint16Array(120), Array.from({ length: 101 }, (_, i) => `item${i}`),
  { fn() {}, arrow: () => {}, async am() {}, *gen() {}, klass: class {} },
  [new Error('in array')].map((e) => e.message),
  { deep: { a: { b: { c: { d: { e: 1 } } } } }, arr: [[[[[]]]]] },
  Object.freeze({ frozen: true }), Object.seal([1]),
  new Set(Array.from({ length: 8 }, (_, i) => i * 1000)),
  { 'valid_id': 1, '0invalid': 2, 'with space': 3, $dollar: 4, 'ünï': 5, '': 6 },
  [null, undefined, true, 'mixed', 42, 10n, Symbol.iterator],
  new Proxy({ target: 1 }, {}), new Proxy([1, 2], {}),
  { date: new Date(1e12), invalid: new Date('x'), re: /x\/y/m },
  Object.assign(() => {}, { a: 1 }), Object.defineProperty({}, 'hidden', { value: 1, enumerable: false }),
  { nested: { arr: Array.from({ length: 10 }, (_, i) => ({ i })) } },
  'top-level string\nwith newline', "it's", [`mixed 'single' and "double"`],
  new (class Point3 { constructor() { this.x = 1; this.y = 2; this.z = 3; } })(),
  { [Symbol.for('registered')]: 'sym value', normal: 1 },
  Buffer.from('x'.repeat(60)),
];
for (const value of objs) console.log(inspect(value));
for (const value of objs.slice(0, 6)) console.log(inspect(value, { depth: 0 }), inspect(value, { compact: false, breakLength: 40 }).length);
console.log(inspect(objs[1], { colors: true }));
console.log(inspect({ a: 'x'.repeat(200) }, { maxStringLength: 10 }), inspect(objs[10], { maxArrayLength: 3 }));
console.log(inspect(new Map([[{ a: 1 }, 'v']]), { showHidden: true }), inspect([1, 2, 3], { showHidden: true }));
console.log(inspect({ b: 2, a: 1, c: { z: 1, y: 2 } }, { sorted: true }), inspect(123456789.123, { numericSeparator: true }));
