// Timer objects: arguments, clear by object and by number, intervals, refresh, unref/ref,
// hasRef, immediates, and timers/promises.
const assert = require('assert');
const timers = require('timers');
const { setTimeout: sleep, setImmediate: immediate } = require('timers/promises');
const seen = [];

const t = setTimeout((a, b) => seen.push(`args ${a} ${b}`), 1, 'x', 'y');
assert.strictEqual(t.hasRef(), true);
assert.strictEqual(typeof t[Symbol.toPrimitive](), 'number');
assert.strictEqual(t.unref(), t);
assert.strictEqual(t.hasRef(), false);
t.ref();

const cleared = setTimeout(() => assert.fail('cleared timer ran'), 1);
clearTimeout(cleared);
const byNumber = setTimeout(() => assert.fail('timer cleared by id ran'), 1);
clearTimeout(+byNumber);

let ticks = 0;
const interval = setInterval(() => {
  ticks++;
  if (ticks === 3) clearInterval(interval);
}, 1);

const imm = setImmediate(() => assert.fail('cleared immediate ran'));
clearImmediate(imm);
assert.strictEqual(typeof setImmediate(() => seen.push('immediate')).hasRef, 'function');

// An unref'd timer does not keep the process alive.
setTimeout(() => assert.fail('unref timer kept the loop alive'), 100000).unref();

let refreshed = 0;
const r = setTimeout(() => {
  refreshed++;
}, 5);
setTimeout(() => r.refresh(), 2);

assert.strictEqual(timers.setTimeout, setTimeout);

(async () => {
  const value = await sleep(2, 'slept');
  seen.push(value);
  seen.push(await immediate('imm'));
  const ac = new AbortController();
  const pending = sleep(1000, null, { signal: ac.signal });
  ac.abort();
  await assert.rejects(pending, { name: 'AbortError' });
})();

process.on('exit', () => {
  assert.ok(seen.includes('args x y'));
  assert.ok(seen.includes('immediate'));
  assert.ok(seen.includes('slept'));
  assert.ok(seen.includes('imm'));
  assert.strictEqual(ticks, 3);
  assert.strictEqual(refreshed, 1);
});
