// EventEmitter semantics.
const assert = require('assert');
const EventEmitter = require('events');
const { once, on } = require('events');

const e = new EventEmitter();
const calls = [];
e.on('x', (a) => calls.push(`on ${a}`));
e.prependListener('x', () => calls.push('prepended'));
e.once('x', () => calls.push('once'));
assert.strictEqual(e.emit('x', 1), true);
e.emit('x', 2);
assert.deepStrictEqual(calls, ['prepended', 'on 1', 'once', 'prepended', 'on 2']);
assert.strictEqual(e.listenerCount('x'), 2);
assert.deepStrictEqual(e.eventNames(), ['x']);
assert.strictEqual(e.emit('none'), false);
assert.throws(() => e.emit('error', new Error('unhandled')), { message: 'unhandled' });
assert.throws(() => e.emit('error', 'text'), { code: 'ERR_UNHANDLED_ERROR' });
const removed = [];
e.on('removeListener', (name) => removed.push(name));
e.removeAllListeners('x');
assert.deepStrictEqual(removed, ['x', 'x']);
e.setMaxListeners(1);
let leakWarning;
process.on('warning', (w) => { leakWarning = w; });
e.on('y', () => {});
e.on('y', () => {});

class Custom extends EventEmitter {}
const c = new Custom();
let thisValue;
c.on('t', function () { thisValue = this; });
c.emit('t');
assert.strictEqual(thisValue, c);

(async () => {
  setTimeout(() => c.emit('later', 1, 2), 1);
  assert.deepStrictEqual(await once(c, 'later'), [1, 2]);
  setTimeout(() => { c.emit('tick', 'a'); c.emit('tick', 'b'); }, 1);
  const seen = [];
  for await (const [value] of on(c, 'tick')) {
    seen.push(value);
    if (seen.length === 2) break;
  }
  assert.deepStrictEqual(seen, ['a', 'b']);
})();

process.on('exit', () => {
  assert.strictEqual(leakWarning && leakWarning.name, 'MaxListenersExceededWarning');
});
