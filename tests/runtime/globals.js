// The web-platform globals Node provides.
const assert = require('assert');

assert.strictEqual(globalThis.global, globalThis);
for (const name of ['console', 'process', 'setTimeout', 'setInterval', 'setImmediate', 'clearTimeout',
  'clearInterval', 'clearImmediate', 'queueMicrotask', 'structuredClone', 'URL', 'URLSearchParams',
  'TextEncoder', 'TextDecoder', 'atob', 'btoa', 'performance', 'AbortController', 'AbortSignal', 'Event',
  'EventTarget', 'Buffer', 'DOMException']) {
  assert.notStrictEqual(globalThis[name], undefined, name);
}

// URL: WHATWG parsing and serialization.
const url = new URL('HTTPS://user:pa ss@EXAMPLE.com:443/a/./b/../c?q=1 2#frag');
assert.strictEqual(url.href, 'https://user:pa%20ss@example.com/a/c?q=1%202#frag');
assert.strictEqual(url.origin, 'https://example.com');
assert.strictEqual(url.port, '');
assert.strictEqual(new URL('../x?y#z', 'http://h/a/b/c').href, 'http://h/a/x?y#z');
assert.strictEqual(new URL('http://[::1]:8080/').host, '[::1]:8080');
assert.strictEqual(new URL('http://0x7f.1/').hostname, '127.0.0.1');
assert.strictEqual(new URL('http://b\u00fccher.de/').hostname, 'xn--bcher-kva.de');
assert.strictEqual(new URL('file:///C:/x/../y').href, 'file:///C:/y');
assert.strictEqual(new URL('mailto:someone@example.com').pathname, 'someone@example.com');
assert.throws(() => new URL('not a url'), { code: 'ERR_INVALID_URL', name: 'TypeError' });
assert.strictEqual(URL.canParse('http://x'), true);
url.pathname = '/new path';
url.search = '?a=b';
url.hash = '';
assert.strictEqual(url.href, 'https://user:pa%20ss@example.com/new%20path?a=b');
url.searchParams.append('c', 'd e');
assert.strictEqual(url.search, '?a=b&c=d+e');
const params = new URLSearchParams('a=1&b=2&a=3');
assert.deepStrictEqual(params.getAll('a'), ['1', '3']);
params.sort();
assert.strictEqual(params.toString(), 'a=1&a=3&b=2');
assert.strictEqual(new URLSearchParams({ x: 'y z', w: '&' }).toString(), 'x=y+z&w=%26');

// Text encoding.
const bytes = new TextEncoder().encode('h\u00e9\u{1F600}');
assert.deepStrictEqual(Array.from(bytes), [104, 195, 169, 240, 159, 152, 128]);
assert.strictEqual(new TextDecoder().decode(bytes), 'h\u00e9\u{1F600}');
const decoder = new TextDecoder();
assert.strictEqual(decoder.decode(bytes.subarray(0, 2), { stream: true }) + decoder.decode(bytes.subarray(2)), 'h\u00e9\u{1F600}');
assert.throws(() => new TextDecoder('utf-8', { fatal: true }).decode(new Uint8Array([0xff])), { name: 'TypeError' });
assert.strictEqual(new TextDecoder('utf-16le').decode(new Uint8Array([104, 0, 105, 0])), 'hi');

// structuredClone.
const source = { date: new Date(0), map: new Map([[1, { deep: [1, 2] }]]), set: new Set(['x']), re: /a/g };
source.self = source;
const clone = structuredClone(source);
assert.notStrictEqual(clone, source);
assert.strictEqual(clone.self, clone);
assert.deepStrictEqual(clone.map.get(1), { deep: [1, 2] });
assert.ok(clone.date instanceof Date);
assert.throws(() => structuredClone(() => {}), (err) => err instanceof DOMException && err.name === 'DataCloneError');

// base64.
assert.strictEqual(btoa('hello'), 'aGVsbG8=');
assert.strictEqual(atob('aGVsbG8='), 'hello');
assert.throws(() => atob('***'), (err) => err.name === 'InvalidCharacterError');

// performance.
const start = performance.now();
assert.ok(start >= 0 && start < 60000);
assert.ok(Math.abs(performance.timeOrigin + start - Date.now()) < 1000);

// Events and aborting.
const target = new EventTarget();
const got = [];
target.addEventListener('ping', (e) => got.push(e.type), { once: true });
target.dispatchEvent(new Event('ping'));
target.dispatchEvent(new Event('ping'));
assert.deepStrictEqual(got, ['ping']);
const controller = new AbortController();
controller.signal.onabort = () => got.push('onabort');
controller.abort();
assert.strictEqual(controller.signal.aborted, true);
assert.strictEqual(controller.signal.reason.name, 'AbortError');
assert.deepStrictEqual(got, ['ping', 'onabort']);
assert.throws(() => controller.signal.throwIfAborted(), { name: 'AbortError' });
assert.strictEqual(AbortSignal.abort('why').reason, 'why');
const timeout = AbortSignal.timeout(5);
timeout.addEventListener('abort', () => {
  assert.strictEqual(timeout.reason.name, 'TimeoutError');
  got.push('timeout');
});
// AbortSignal.timeout's timer does not keep the process alive by itself.
const keepAlive = setTimeout(() => {}, 50);

queueMicrotask(() => got.push('microtask'));
process.on('exit', () => {
  clearTimeout(keepAlive);
  assert.ok(got.includes('microtask'));
  assert.ok(got.includes('timeout'));
});
