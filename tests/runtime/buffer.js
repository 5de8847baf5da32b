// Buffer: encodings, slicing, comparison, numbers, JSON.
const assert = require('assert');
const { Buffer: B } = require('buffer');
assert.strictEqual(B, Buffer);

const b = Buffer.from('héllo wörld');
assert.strictEqual(b.length, 13);
assert.strictEqual(b.toString(), 'héllo wörld');
assert.strictEqual(b.toString('hex'), '68c3a96c6c6f2077c3b6726c64');
assert.strictEqual(Buffer.from('68c3a96c', 'hex').toString(), 'hél');
assert.strictEqual(b.toString('base64'), 'aMOpbGxvIHfDtnJsZA==');
assert.strictEqual(Buffer.from('aMOpbGxvIHfDtnJsZA==', 'base64').toString(), 'héllo wörld');
assert.strictEqual(Buffer.from('-_8', 'base64url').toString('base64url'), '-_8');
assert.strictEqual(Buffer.from('abc', 'latin1').toString('latin1'), 'abc');
assert.strictEqual(Buffer.from('hi', 'utf16le').length, 4);
assert.strictEqual(Buffer.byteLength('héllo'), 6);
assert.ok(Buffer.isBuffer(b));
assert.ok(!Buffer.isBuffer(new Uint8Array(1)));
assert.ok(b instanceof Uint8Array);

const s = b.subarray(0, 5);
s[0] = 72;
assert.strictEqual(b[0], 72);
assert.strictEqual(Buffer.concat([Buffer.from('a'), Buffer.from('bc')]).toString(), 'abc');
assert.strictEqual(Buffer.compare(Buffer.from('a'), Buffer.from('b')), -1);
assert.ok(Buffer.from('abc').equals(Buffer.from('abc')));
assert.strictEqual(Buffer.from('abcabc').indexOf('ca'), 2);
assert.strictEqual(Buffer.from('abcabc').lastIndexOf('b'), 4);
assert.ok(Buffer.from('abc').includes('bc'));
assert.strictEqual(Buffer.alloc(4, 'ab').toString(), 'abab');
assert.deepStrictEqual(Buffer.from([1, 2]).toJSON(), { type: 'Buffer', data: [1, 2] });

const n = Buffer.alloc(16);
n.writeUInt32BE(0xdeadbeef, 0);
assert.strictEqual(n.readUInt32BE(0), 0xdeadbeef);
n.writeInt16LE(-2, 4);
assert.strictEqual(n.readInt16LE(4), -2);
n.writeDoubleLE(1.5, 8);
assert.strictEqual(n.readDoubleLE(8), 1.5);
n.writeBigUInt64BE(2n ** 60n, 8);
assert.strictEqual(n.readBigUInt64BE(8), 2n ** 60n);
assert.throws(() => n.readUInt32LE(14), { code: 'ERR_OUT_OF_RANGE' });
assert.strictEqual(require('util').inspect(Buffer.from([1, 2, 255])), '<Buffer 01 02 ff>');
const w = Buffer.alloc(5);
assert.strictEqual(w.write('héllo'), 5);
assert.strictEqual(w.toString(), 'héll');
