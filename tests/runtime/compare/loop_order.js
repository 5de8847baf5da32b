// Deterministic loop ordering, compared with node.
setImmediate(() => console.log('immediate'));
process.nextTick(() => console.log('tick 1'));
Promise.resolve().then(() => {
  console.log('promise 1');
  process.nextTick(() => console.log('tick from promise'));
  Promise.resolve().then(() => console.log('promise from promise'));
});
queueMicrotask(() => console.log('microtask'));
process.nextTick(() => {
  console.log('tick 2');
  Promise.resolve().then(() => console.log('promise from tick'));
});
console.log('sync');
setTimeout(() => {
  console.log('timer 10');
  setImmediate(() => console.log('immediate from timer'));
  setTimeout(() => console.log('timer from timer'), 0);
  process.nextTick(() => console.log('tick from timer'));
}, 10);
setTimeout(() => {
  console.log('timer 50');
  // Inside an I/O callback, the check phase (immediates) comes before the next timers.
  require('fs').readFile(__filename, () => {
    console.log('io');
    setTimeout(() => console.log('io timeout'), 0);
    setImmediate(() => console.log('io immediate'));
  });
}, 50);
process.on('beforeExit', () => console.log('beforeExit'));
process.on('exit', (code) => console.log('exit', code));
