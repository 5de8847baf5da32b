'use strict';
// The async context behind AsyncLocalStorage: a frame (a Map from storage to store) that
// V8 carries along promise reactions by itself (continuation-preserved data), and that
// lode's own queues carry along callbacks: nextTick, timers, immediates, queueMicrotask.
// Until an AsyncLocalStorage exists, nothing is captured and the queues pay one check.

const { getContinuationData, setContinuationData } = internalBinding('runtime');

let enabled = false;

function enable() {
  enabled = true;
}

// The current frame, or undefined (also when disabled).
function capture() {
  return enabled ? getContinuationData() : undefined;
}

function current() {
  return getContinuationData();
}

function set(frame) {
  setContinuationData(frame);
}

// Calls fn(...args) with `frame` as the current frame.
function runInFrame(frame, fn, thisArg, args) {
  const previous = getContinuationData();
  setContinuationData(frame);
  try {
    return Reflect.apply(fn, thisArg, args);
  } finally {
    setContinuationData(previous);
  }
}

module.exports = {
  enable,
  isEnabled: () => enabled,
  capture,
  current,
  set,
  runInFrame,
};
