'use strict';
// node:async_hooks, in part: AsyncLocalStorage (stores that follow promises, await,
// nextTick, timers, immediates and queueMicrotask), AsyncResource, and the id
// functions. createHook() returns a hook that never fires: lode has no async resource
// tracking.

const asyncContext = require('internal/async_context');
const { validateFunction } = require('internal/errors');

class AsyncLocalStorage {
  constructor() {
    asyncContext.enable();
    this.enabled = true;
  }

  static bind(fn) {
    return AsyncResource.bind(fn);
  }

  static snapshot() {
    const frame = asyncContext.current();
    return (fn, ...args) => asyncContext.runInFrame(frame, fn, undefined, args);
  }

  run(store, callback, ...args) {
    const frame = new Map(asyncContext.current());
    frame.set(this, store);
    return asyncContext.runInFrame(frame, callback, undefined, args);
  }

  exit(callback, ...args) {
    const frame = new Map(asyncContext.current());
    frame.delete(this);
    return asyncContext.runInFrame(frame, callback, undefined, args);
  }

  enterWith(store) {
    const frame = new Map(asyncContext.current());
    frame.set(this, store);
    asyncContext.set(frame);
  }

  getStore() {
    const frame = asyncContext.current();
    return frame instanceof Map ? frame.get(this) : undefined;
  }

  disable() {
    const frame = asyncContext.current();
    if (frame instanceof Map && frame.has(this)) {
      const copy = new Map(frame);
      copy.delete(this);
      asyncContext.set(copy);
    }
  }
}

let nextId = 1;

class AsyncResource {
  constructor(type, options = {}) {
    asyncContext.enable();
    this.type = type;
    this.frame = asyncContext.current();
    this.asyncIdValue = ++nextId;
    this.triggerIdValue = typeof options === 'number' ? options : (options.triggerAsyncId || 1);
  }
  runInAsyncScope(fn, thisArg, ...args) {
    return asyncContext.runInFrame(this.frame, fn, thisArg, args);
  }
  emitDestroy() {
    return this;
  }
  asyncId() {
    return this.asyncIdValue;
  }
  triggerAsyncId() {
    return this.triggerIdValue;
  }
  bind(fn, thisArg) {
    validateFunction(fn, 'fn');
    const bound = (...args) => this.runInAsyncScope(fn, thisArg === undefined ? this : thisArg, ...args);
    Object.defineProperty(bound, 'length', { value: fn.length });
    bound.asyncResource = this;
    return bound;
  }
  static bind(fn, type, thisArg) {
    return new AsyncResource(type || fn.name || 'bound-anonymous-fn').bind(fn, thisArg);
  }
}

function createHook() {
  const hook = {
    enable() {
      return hook;
    },
    disable() {
      return hook;
    },
  };
  return hook;
}

module.exports = {
  AsyncLocalStorage,
  AsyncResource,
  createHook,
  executionAsyncId: () => 1,
  triggerAsyncId: () => 0,
  executionAsyncResource: () => ({}),
  asyncWrapProviders: Object.freeze({}),
};
