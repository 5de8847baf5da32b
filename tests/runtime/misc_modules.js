// The smaller built-ins: crypto (hashes, HMAC, random), vm, worker_threads, os,
// querystring, string_decoder, readline helpers, and Node built-ins lode lacks.
const assert = require('assert');
const crypto = require('crypto');

assert.strictEqual(crypto.createHash('sha256').update('abc').digest('hex'),
  'ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad');
assert.strictEqual(crypto.createHash('md5').update('a').update(Buffer.from('b')).digest('base64'), 'GH70Q2Ei0cwvQNwrkvDroA==');
assert.strictEqual(crypto.createHmac('sha1', 'k').update('d').digest('base64'), 'K5DkHnwMyOL3XAKRDDiZzEaLoxY=');
assert.throws(() => crypto.createHash('nope'), { code: 'ERR_OSSL_EVP_UNSUPPORTED' });
assert.strictEqual(crypto.randomBytes(16).length, 16);
assert.match(crypto.randomUUID(), /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
const n = crypto.randomInt(10, 20);
assert.ok(n >= 10 && n < 20);
assert.strictEqual(globalThis.crypto.getRandomValues(new Uint32Array(2)).length, 2);
assert.ok(crypto.timingSafeEqual(Buffer.from('ab'), Buffer.from('ab')));
assert.ok(crypto.getHashes().includes('sha512'));

const vm = require('vm');
assert.strictEqual(vm.runInThisContext('40 + 2'), 42);
assert.strictEqual(new vm.Script('typeof require', { filename: 'x.js' }).runInThisContext(), 'undefined');
assert.strictEqual(vm.compileFunction('return a + b', ['a', 'b'])(1, 2), 3);
assert.throws(() => vm.createContext({}), { code: 'ERR_METHOD_NOT_IMPLEMENTED' });

assert.strictEqual(require('worker_threads').isMainThread, true);

const cp = require('child_process');
assert.strictEqual(cp.execSync('echo hi').toString(), 'hi\n');
assert.strictEqual(cp.execFileSync('sh', ['-c', 'printf "%s" "$X"'], { env: { X: 'from env' }, encoding: 'utf8' }), 'from env');
const spawned = cp.spawnSync('sh', ['-c', 'cat; echo err >&2; exit 3'], { input: 'piped' });
assert.strictEqual(spawned.status, 3);
assert.strictEqual(spawned.stdout.toString(), 'piped');
assert.strictEqual(spawned.stderr.toString(), 'err\n');
assert.throws(() => cp.execSync('exit 2', { stdio: 'pipe' }), (err) => err.status === 2);
assert.strictEqual(cp.spawnSync('no-such-program-here').error.code, 'ENOENT');
assert.throws(() => cp.spawn('ls'), { code: 'ERR_METHOD_NOT_IMPLEMENTED' });

const v8 = require('v8');
assert.ok(v8.getHeapStatistics().used_heap_size > 0);
assert.deepStrictEqual(v8.deserialize(v8.serialize({ a: [1, new Map([[1, 2]])] })), { a: [1, new Map([[1, 2]])] });
assert.strictEqual(typeof v8.cachedDataVersionTag(), 'number');
assert.strictEqual(require('process'), process);
assert.strictEqual(require('sys'), require('util'));

const os = require('os');
assert.ok(os.cpus().length >= 1);
assert.strictEqual(os.tmpdir(), process.env.TMPDIR ? process.env.TMPDIR.replace(/\/$/, '') : '/tmp');
assert.ok(os.totalmem() > os.freemem());
assert.strictEqual(os.homedir(), process.env.HOME);
assert.strictEqual(typeof os.hostname(), 'string');
assert.strictEqual(os.constants.signals.SIGTERM, 15);

const qs = require('querystring');
assert.deepStrictEqual({ ...qs.parse('a=1&a=2&b=x%20y+z') }, { a: ['1', '2'], b: 'x y z' });
assert.strictEqual(qs.stringify({ a: [1, 2], b: 'x y' }), 'a=1&a=2&b=x%20y');

const { StringDecoder } = require('string_decoder');
const decoder = new StringDecoder('utf8');
const euro = Buffer.from('\u20ac');
assert.strictEqual(decoder.write(euro.subarray(0, 1)) + decoder.write(euro.subarray(1)) + decoder.end(), '\u20ac');

assert.throws(() => require('http'), (err) => err.code === 'MODULE_NOT_FOUND' && err.message.includes("lode does not provide Node's built-in module 'http'"));
assert.throws(() => require('node:http'), { code: 'ERR_UNKNOWN_BUILTIN_MODULE' });
