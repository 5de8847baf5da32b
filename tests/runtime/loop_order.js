// Node's loop ordering: all nextTicks, then microtasks, after every macrotask; timers in
// the timers phase, immediates in the check phase, I/O callbacks in between.
const assert = require('assert');
const fs = require('fs');
const order = [];
const log = (what) => order.push(what);

setTimeout(() => log('timeout 20'), 20);
setImmediate(() => {
  log('immediate');
  process.nextTick(() => log('tick in immediate'));
  Promise.resolve().then(() => log('promise in immediate'));
});
setImmediate(() => log('immediate 2'));
process.nextTick(() => {
  log('tick 1');
  Promise.resolve().then(() => log('promise from tick'));
  process.nextTick(() => log('tick from tick'));
});
Promise.resolve().then(() => {
  log('promise 1');
  process.nextTick(() => log('tick from promise'));
});
queueMicrotask(() => log('microtask'));
process.nextTick(() => log('tick 2'));
log('sync');

// Inside an I/O callback the check phase comes before the next timers phase.
fs.readFile(__filename, () => {
  setTimeout(() => log('io: timeout'), 0);
  setImmediate(() => log('io: immediate'));
});

setTimeout(() => {
  log('timer A');
  process.nextTick(() => log('tick between timers'));
  Promise.resolve().then(() => log('promise between timers'));
}, 30);
setTimeout(() => log('timer B'), 30);

process.on('exit', () => {
  const expected = [
    'sync', 'tick 1', 'tick 2', 'tick from tick', 'promise 1', 'microtask', 'promise from tick', 'tick from promise',
    'immediate', 'tick in immediate', 'promise in immediate', 'immediate 2',
  ];
  assert.deepStrictEqual(order.slice(0, expected.length), expected);
  const rest = order.slice(expected.length);
  assert.ok(rest.indexOf('io: immediate') < rest.indexOf('io: timeout'), rest.join(', '));
  assert.ok(rest.indexOf('timeout 20') < rest.indexOf('timer A'));
  const a = rest.indexOf('timer A');
  assert.deepStrictEqual(rest.slice(a, a + 4), ['timer A', 'tick between timers', 'promise between timers', 'timer B']);
});
