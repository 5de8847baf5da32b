'use strict';
// process.nextTick, queueMicrotask and unhandled promise rejections: Node's ordering
// after every macrotask is all nextTick callbacks, then the microtask queue, again until
// both are empty, then the rejections found meanwhile (an unhandled one is an uncaught
// exception unless 'unhandledRejection' takes it: Node 15+'s default, "throw" mode).

const { tickInfo, runMicrotasks, enqueueMicrotask, triggerUncaughtException } = internalBinding('runtime');
const { validateFunction } = require('internal/errors');
const asyncContext = require('internal/async_context');

const kHasTickScheduled = 0;
const kHasRejectionToWarn = 1;

// A FIFO that does not shift arrays: a head index over a growing array, compacted now
// and then.
class Queue {
  constructor() {
    this.items = [];
    this.head = 0;
  }
  push(item) {
    this.items.push(item);
  }
  shift() {
    if (this.head === this.items.length) return null;
    const item = this.items[this.head];
    this.items[this.head++] = undefined;
    if (this.head === this.items.length) {
      this.items.length = 0;
      this.head = 0;
    } else if (this.head > 1024 && this.head * 2 > this.items.length) {
      this.items = this.items.slice(this.head);
      this.head = 0;
    }
    return item;
  }
  isEmpty() {
    return this.head === this.items.length;
  }
}

const queue = new Queue();

function nextTick(callback, ...args) {
  validateFunction(callback, 'callback');
  if (process._exiting) return;
  if (tickInfo[kHasTickScheduled] === 0) tickInfo[kHasTickScheduled] = 1;
  queue.push({ callback, args: args.length === 0 ? undefined : args, frame: asyncContext.capture() });
}

function processTicksAndRejections() {
  let tock;
  do {
    while ((tock = queue.shift()) !== null) {
      const callback = tock.callback;
      if (tock.frame !== undefined) asyncContext.runInFrame(tock.frame, callback, undefined, tock.args || []);
      else if (tock.args === undefined) callback();
      else Reflect.apply(callback, undefined, tock.args);
    }
    runMicrotasks();
  } while (!queue.isEmpty() || processPromiseRejections());
  tickInfo[kHasTickScheduled] = 0;
  tickInfo[kHasRejectionToWarn] = 0;
}

// Between two timer or immediate callbacks.
function runNextTicks() {
  if (tickInfo[kHasTickScheduled] === 0 && tickInfo[kHasRejectionToWarn] === 0) runMicrotasks();
  if (tickInfo[kHasTickScheduled] === 0 && tickInfo[kHasRejectionToWarn] === 0) return;
  processTicksAndRejections();
}

function queueMicrotask(callback) {
  validateFunction(callback, 'callback');
  const frame = asyncContext.capture();
  enqueueMicrotask(() => {
    try {
      if (frame !== undefined) asyncContext.runInFrame(frame, callback, undefined, []);
      else callback();
    } catch (error) {
      triggerUncaughtException(error, false);
    }
  });
}

// --- Promise rejections -------------------------------------------------------------

const kPromiseRejectWithNoHandler = 0;
const kPromiseHandlerAddedAfterReject = 1;

const maybeUnhandledPromises = new WeakMap();
const pendingUnhandledRejections = [];
const asyncHandledRejections = [];
let lastPromiseId = 0;

function promiseRejectHandler(type, promise, reason) {
  if (type === kPromiseRejectWithNoHandler) {
    maybeUnhandledPromises.set(promise, { reason, uid: ++lastPromiseId, warned: false });
    pendingUnhandledRejections.push(promise);
    tickInfo[kHasRejectionToWarn] = 1;
  } else if (type === kPromiseHandlerAddedAfterReject) {
    const info = maybeUnhandledPromises.get(promise);
    if (info === undefined) return;
    maybeUnhandledPromises.delete(promise);
    if (info.warned) {
      const warning = new Error(`Promise rejection was handled asynchronously (rejection id: ${info.uid})`);
      warning.name = 'PromiseRejectionHandledWarning';
      warning.id = info.uid;
      asyncHandledRejections.push({ promise, warning });
      tickInfo[kHasRejectionToWarn] = 1;
    }
  }
}

// The error for a rejection whose reason is not an error: no stack of its own (the
// reason has none), so it prints as "[UnhandledPromiseRejection: ...] { code }".
class UnhandledPromiseRejection extends Error {
  constructor(reason) {
    let shown;
    try {
      shown = require('internal/inspect').inspect(reason);
    } catch {
      shown = String(reason);
    }
    const limit = Error.stackTraceLimit;
    Error.stackTraceLimit = 0;
    super('This error originated either by throwing inside of an async function without a catch block, ' +
      'or by rejecting a promise which was not handled with .catch(). The promise rejected with the reason ' +
      `"${shown}".`);
    Error.stackTraceLimit = limit;
    this.code = 'ERR_UNHANDLED_REJECTION';
  }
}
UnhandledPromiseRejection.prototype.name = 'UnhandledPromiseRejection';

function unhandledRejectionError(reason) {
  return new UnhandledPromiseRejection(reason);
}

function isErrorLike(value) {
  return typeof value === 'object' && value !== null && Object.prototype.hasOwnProperty.call(value, 'stack');
}

function processPromiseRejections() {
  let maybeScheduledTicksOrMicrotasks = asyncHandledRejections.length > 0;
  while (asyncHandledRejections.length > 0) {
    const { promise, warning } = asyncHandledRejections.shift();
    if (!process.emit('rejectionHandled', promise)) process.emitWarning(warning);
  }
  let length = pendingUnhandledRejections.length;
  while (length--) {
    const promise = pendingUnhandledRejections.shift();
    const info = maybeUnhandledPromises.get(promise);
    if (info === undefined) continue;
    info.warned = true;
    const { reason } = info;
    if (!process.emit('unhandledRejection', reason, promise)) {
      const error = isErrorLike(reason) ? reason : unhandledRejectionError(reason);
      triggerUncaughtException(error, true);
    }
    maybeScheduledTicksOrMicrotasks = true;
  }
  return maybeScheduledTicksOrMicrotasks || pendingUnhandledRejections.length !== 0;
}

module.exports = {
  nextTick,
  processTicksAndRejections,
  runNextTicks,
  queueMicrotask,
  promiseRejectHandler,
};
