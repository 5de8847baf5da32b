'use strict';
// The DOM's Event, EventTarget, CustomEvent, AbortController, AbortSignal (with
// abort(), timeout() and any()) and DOMException, as Node provides them globally.

const { codes, validateFunction, validateObject } = require('internal/errors');
const customInspect = Symbol.for('nodejs.util.inspect.custom');

const domExceptionCodes = {
  IndexSizeError: 1, DOMStringSizeError: 2, HierarchyRequestError: 3, WrongDocumentError: 4,
  InvalidCharacterError: 5, NoDataAllowedError: 6, NoModificationAllowedError: 7, NotFoundError: 8,
  NotSupportedError: 9, InUseAttributeError: 10, InvalidStateError: 11, SyntaxError: 12,
  InvalidModificationError: 13, NamespaceError: 14, InvalidAccessError: 15, ValidationError: 16,
  TypeMismatchError: 17, SecurityError: 18, NetworkError: 19, AbortError: 20, URLMismatchError: 21,
  QuotaExceededError: 22, TimeoutError: 23, InvalidNodeTypeError: 24, DataCloneError: 25,
};

class DOMException extends Error {
  constructor(message = '', options = 'Error') {
    super();
    let name = 'Error';
    if (options !== null && typeof options === 'object') {
      name = 'name' in options ? String(options.name) : 'Error';
      if ('cause' in options) Object.defineProperty(this, 'cause', { value: options.cause, configurable: true, writable: true });
    } else {
      name = String(options);
    }
    Object.defineProperty(this, 'message', { value: String(message), configurable: true, writable: true, enumerable: false });
    Object.defineProperty(this, '_name', { value: name, configurable: true, writable: true, enumerable: false });
    // The stack was captured with the default name; rebuild its first line.
    const stack = this.stack;
    if (typeof stack === 'string') {
      const at = stack.indexOf('\n    at');
      Object.defineProperty(this, 'stack', { value: `${name}: ${this.message}${at === -1 ? '' : stack.slice(at)}`, configurable: true, writable: true });
    }
  }
  get name() {
    return this._name;
  }
  get code() {
    return domExceptionCodes[this._name] || 0;
  }
}
for (const [name, code] of Object.entries(domExceptionCodes)) {
  const constant = name.replace(/([a-z])([A-Z])/g, '$1_$2').toUpperCase().replace(/_ERROR$/, '_ERR');
  Object.defineProperty(DOMException, constant, { value: code, enumerable: true });
  Object.defineProperty(DOMException.prototype, constant, { value: code, enumerable: true });
}
Object.defineProperty(DOMException.prototype, Symbol.toStringTag, { value: 'DOMException', configurable: true });

const kStop = Symbol('kStop');
const kTarget = Symbol('kTarget');
const kIsBeingDispatched = Symbol('kIsBeingDispatched');

class Event {
  #type;
  #bubbles;
  #cancelable;
  #composed;
  #defaultPrevented = false;
  #timestamp;
  #propagationStopped = false;

  constructor(type, options = undefined) {
    if (arguments.length === 0) throw new codes.ERR_MISSING_ARGS('type');
    if (options !== undefined && options !== null) validateObject(options, 'options');
    this.#type = `${type}`;
    this.#bubbles = !!(options && options.bubbles);
    this.#cancelable = !!(options && options.cancelable);
    this.#composed = !!(options && options.composed);
    this.#timestamp = globalThis.performance ? globalThis.performance.now() : Date.now();
    this[kTarget] = null;
    this[kIsBeingDispatched] = false;
    this[kStop] = false;
  }
  get type() { return this.#type; }
  get target() { return this[kTarget]; }
  get currentTarget() { return this[kTarget]; }
  get srcElement() { return this[kTarget]; }
  get bubbles() { return this.#bubbles; }
  get cancelable() { return this.#cancelable; }
  get composed() { return this.#composed; }
  get defaultPrevented() { return this.#cancelable && this.#defaultPrevented; }
  get timeStamp() { return this.#timestamp; }
  get isTrusted() { return false; }
  get eventPhase() { return this[kIsBeingDispatched] ? 2 : 0; }
  get returnValue() { return !this.defaultPrevented; }
  get cancelBubble() { return this.#propagationStopped; }
  set cancelBubble(value) { if (value) this.stopPropagation(); }
  composedPath() { return this[kIsBeingDispatched] ? [this[kTarget]] : []; }
  preventDefault() { this.#defaultPrevented = true; }
  stopPropagation() { this.#propagationStopped = true; }
  stopImmediatePropagation() {
    this.#propagationStopped = true;
    this[kStop] = true;
  }
  [customInspect](depth, options, inspect) {
    const name = this.constructor.name;
    if (depth < 0) return name;
    return `${name} ${inspect({ type: this.#type, defaultPrevented: this.#defaultPrevented, cancelable: this.#cancelable, timeStamp: this.#timestamp }, { ...options, depth: options.depth === null ? null : options.depth - 1 })}`;
  }
}
Event.NONE = 0;
Event.CAPTURING_PHASE = 1;
Event.AT_TARGET = 2;
Event.BUBBLING_PHASE = 3;
Object.defineProperty(Event.prototype, Symbol.toStringTag, { value: 'Event', configurable: true });

class CustomEvent extends Event {
  #detail;
  constructor(type, options = {}) {
    super(type, options);
    this.#detail = options && options.detail !== undefined ? options.detail : null;
  }
  get detail() { return this.#detail; }
}
Object.defineProperty(CustomEvent.prototype, Symbol.toStringTag, { value: 'CustomEvent', configurable: true });

const kEvents = Symbol('kEvents');

class EventTarget {
  constructor() {
    this[kEvents] = new Map();
  }

  addEventListener(type, listener, options = {}) {
    if (arguments.length < 2) throw new codes.ERR_MISSING_ARGS('type', 'listener');
    if (listener == null) return;
    const { once = false, capture = false, signal } = typeof options === 'boolean' ? { capture: options } : (options || {});
    if (signal && signal.aborted) return;
    type = `${type}`;
    if (!this[kEvents]) this[kEvents] = new Map();
    let list = this[kEvents].get(type);
    if (!list) {
      list = [];
      this[kEvents].set(type, list);
    }
    if (list.some((entry) => entry.listener === listener && entry.capture === !!capture)) return;
    const entry = { listener, once, capture: !!capture, removed: false };
    list.push(entry);
    if (signal) signal.addEventListener('abort', () => this.removeEventListener(type, listener, { capture }), { once: true });
  }

  removeEventListener(type, listener, options = {}) {
    if (!this[kEvents]) return;
    const capture = typeof options === 'boolean' ? options : !!(options && options.capture);
    const list = this[kEvents].get(`${type}`);
    if (!list) return;
    const index = list.findIndex((entry) => entry.listener === listener && entry.capture === capture);
    if (index !== -1) {
      list[index].removed = true;
      list.splice(index, 1);
    }
  }

  dispatchEvent(event) {
    if (!(event instanceof Event)) throw new codes.ERR_INVALID_ARG_TYPE('event', 'Event', event);
    if (event[kIsBeingDispatched]) throw new codes.ERR_INVALID_STATE('Event is already being dispatched');
    event[kTarget] = this;
    event[kIsBeingDispatched] = true;
    const list = this[kEvents] && this[kEvents].get(event.type);
    if (list) {
      for (const entry of list.slice()) {
        if (entry.removed) continue;
        if (entry.once) this.removeEventListener(event.type, entry.listener, { capture: entry.capture });
        try {
          const { listener } = entry;
          const result = typeof listener === 'function' ? listener.call(this, event) : listener.handleEvent(event);
          if (result !== undefined && result !== null && typeof result.then === 'function') {
            result.then(undefined, (err) => process.nextTick(() => { throw err; }));
          }
        } catch (err) {
          process.nextTick(() => {
            throw err;
          });
        }
        if (event[kStop]) break;
      }
    }
    event[kIsBeingDispatched] = false;
    return event.defaultPrevented !== true;
  }

  _getListeners(type) {
    const list = this[kEvents] && this[kEvents].get(type);
    return list ? list.map((entry) => entry.listener) : [];
  }

  [customInspect](depth, options, inspect) {
    const name = this.constructor.name;
    if (depth < 0) return name;
    return `${name} ${inspect({}, options)}`;
  }
}
Object.defineProperty(EventTarget.prototype, Symbol.toStringTag, { value: 'EventTarget', configurable: true });

const kAborted = Symbol('kAborted');
const kReason = Symbol('kReason');
let allowSignalConstruction = false;

class AbortSignal extends EventTarget {
  constructor() {
    if (!allowSignalConstruction) throw new codes.ERR_ILLEGAL_CONSTRUCTOR();
    super();
    this[kAborted] = false;
    this[kReason] = undefined;
    this.onabort = null;
  }
  get aborted() { return this[kAborted]; }
  get reason() { return this[kReason]; }
  throwIfAborted() {
    if (this[kAborted]) throw this[kReason];
  }
  static abort(reason = new DOMException('This operation was aborted', 'AbortError')) {
    const signal = createSignal();
    signal[kAborted] = true;
    signal[kReason] = reason;
    return signal;
  }
  static timeout(delay) {
    const signal = createSignal();
    const timer = require('internal/timers').setTimeout(() => {
      abortSignal(signal, new DOMException('The operation was aborted due to timeout', 'TimeoutError'));
    }, delay);
    timer.unref();
    return signal;
  }
  static any(signals) {
    const result = createSignal();
    for (const signal of signals) {
      if (signal.aborted) {
        result[kAborted] = true;
        result[kReason] = signal.reason;
        return result;
      }
    }
    for (const signal of signals) {
      signal.addEventListener('abort', () => abortSignal(result, signal.reason), { once: true });
    }
    return result;
  }
  [customInspect](depth, options, inspect) {
    return `AbortSignal ${inspect({ aborted: this.aborted }, options)}`;
  }
}
Object.defineProperty(AbortSignal.prototype, Symbol.toStringTag, { value: 'AbortSignal', configurable: true });

function createSignal() {
  allowSignalConstruction = true;
  try {
    return new AbortSignal();
  } finally {
    allowSignalConstruction = false;
  }
}

function abortSignal(signal, reason) {
  if (signal[kAborted]) return;
  signal[kAborted] = true;
  signal[kReason] = reason;
  const event = new Event('abort');
  if (typeof signal.onabort === 'function') {
    try {
      signal.onabort.call(signal, event);
    } catch (err) {
      process.nextTick(() => {
        throw err;
      });
    }
  }
  signal.dispatchEvent(event);
}

class AbortController {
  #signal = createSignal();
  get signal() {
    return this.#signal;
  }
  abort(reason = new DOMException('This operation was aborted', 'AbortError')) {
    abortSignal(this.#signal, reason);
  }
  [customInspect](depth, options, inspect) {
    return `AbortController ${inspect({ signal: this.signal }, options)}`;
  }
}
Object.defineProperty(AbortController.prototype, Symbol.toStringTag, { value: 'AbortController', configurable: true });

module.exports = { Event, EventTarget, CustomEvent, AbortController, AbortSignal, DOMException, validateFunction };
