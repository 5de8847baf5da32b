// AsyncLocalStorage: stores follow await, promise callbacks, nextTick, timers,
// immediates, queueMicrotask and fs callbacks; run() nests and restores.
const assert = require('assert');
const fs = require('fs');
const { AsyncLocalStorage, AsyncResource } = require('async_hooks');

const als = new AsyncLocalStorage();
const other = new AsyncLocalStorage();
const seen = [];

assert.strictEqual(als.getStore(), undefined);
als.run({ id: 1 }, async () => {
  other.run('o', () => {
    assert.strictEqual(other.getStore(), 'o');
    assert.strictEqual(als.getStore().id, 1);
  });
  assert.strictEqual(other.getStore(), undefined);
  await null;
  seen.push(['await', als.getStore().id]);
  process.nextTick(() => seen.push(['nextTick', als.getStore().id]));
  setTimeout(() => seen.push(['timeout', als.getStore().id]), 1);
  setImmediate(() => seen.push(['immediate', als.getStore().id]));
  queueMicrotask(() => seen.push(['microtask', als.getStore().id]));
  Promise.resolve().then(() => seen.push(['then', als.getStore().id]));
  fs.readFile(__filename, () => seen.push(['fs', als.getStore().id]));
  const resource = new AsyncResource('test');
  als.run({ id: 2 }, () => {
    resource.runInAsyncScope(() => seen.push(['resource', als.getStore().id]));
  });
});
assert.strictEqual(als.getStore(), undefined);
setTimeout(() => seen.push(['outside', als.getStore()]), 1);

process.on('exit', () => {
  const byName = Object.fromEntries(seen);
  assert.deepStrictEqual(byName, { await: 1, nextTick: 1, timeout: 1, immediate: 1, microtask: 1, then: 1, fs: 1, resource: 1, outside: undefined });
});
