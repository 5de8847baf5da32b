'use strict';
// node:timers/promises: setTimeout, setImmediate and setInterval as promises (and an
// async iterator), cancellable with an AbortSignal.
const timers = require('internal/timers');
const { AbortError, validateObject, validateAbortSignal } = require('internal/errors');

function cancellable(start, options) {
  validateObject(options, 'options');
  const { signal, ref = true } = options;
  validateAbortSignal(signal, 'options.signal');
  if (signal && signal.aborted) return Promise.reject(new AbortError(undefined, { cause: signal.reason }));
  return new Promise((resolve, reject) => {
    const handle = start(resolve);
    if (!ref) handle.unref();
    if (signal) {
      const onAbort = () => {
        if (handle instanceof timers.Immediate) timers.clearImmediate(handle);
        else timers.clearTimeout(handle);
        reject(new AbortError(undefined, { cause: signal.reason }));
      };
      signal.addEventListener('abort', onAbort, { once: true });
    }
  });
}

function setTimeout(after, value, options = {}) {
  return cancellable((resolve) => timers.setTimeout(() => resolve(value), after), options);
}

function setImmediate(value, options = {}) {
  return cancellable((resolve) => timers.setImmediate(() => resolve(value)), options);
}

async function* setInterval(after, value, options = {}) {
  validateObject(options, 'options');
  const { signal, ref = true } = options;
  validateAbortSignal(signal, 'options.signal');
  if (signal && signal.aborted) throw new AbortError(undefined, { cause: signal.reason });
  let pending = 0;
  let wake = null;
  const interval = timers.setInterval(() => {
    pending++;
    if (wake) {
      wake();
      wake = null;
    }
  }, after);
  if (!ref) interval.unref();
  let aborted = false;
  const onAbort = () => {
    aborted = true;
    if (wake) wake();
  };
  if (signal) signal.addEventListener('abort', onAbort, { once: true });
  try {
    for (;;) {
      if (pending === 0) await new Promise((resolve) => { wake = resolve; });
      if (aborted) throw new AbortError(undefined, { cause: signal.reason });
      for (; pending > 0; pending--) yield value;
    }
  } finally {
    timers.clearInterval(interval);
    if (signal) signal.removeEventListener('abort', onAbort);
  }
}

const scheduler = {
  wait: (delay, options) => setTimeout(delay, undefined, options),
  yield: () => setImmediate(),
};

module.exports = { setTimeout, setImmediate, setInterval, scheduler };
