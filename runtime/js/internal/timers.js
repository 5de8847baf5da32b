'use strict';
// setTimeout/setInterval/setImmediate. All timers share one libuv timer: they wait in a
// binary heap ordered by expiry (then creation), and the libuv timer is set for the
// earliest. Immediates wait in a linked list run in the loop's check phase. Between two
// callbacks, nextTicks and microtasks run, as in Node 11+. A ref'd timer or immediate
// keeps the loop alive; unref() lets it end without them.

const binding = internalBinding('timers');
const { immediateInfo, scheduleTimer, toggleTimerRef, toggleImmediateRef, getLibuvNow } = binding;
const { runNextTicks } = require('internal/tick');
const { validateFunction } = require('internal/errors');
const asyncContext = require('internal/async_context');

const kCount = 0;
const kRefCount = 1;
const kHasOutstanding = 2;
const TIMEOUT_MAX = 2 ** 31 - 1;

const kRefed = Symbol('refed');
const kHasPrimitive = Symbol('kHasPrimitive');
const knownTimersById = new Map();
let timerSequence = 0;
let lastTimerId = 0;

// --- The heap --------------------------------------------------------------------------

const heap = [];
let nextExpiry = Infinity;
let refCount = 0;

function before(a, b) {
  return a._expiry < b._expiry || (a._expiry === b._expiry && a._sequence < b._sequence);
}
function swap(i, j) {
  const a = heap[i];
  heap[i] = heap[j];
  heap[j] = a;
  heap[i]._heapIndex = i;
  heap[j]._heapIndex = j;
}
function siftUp(i) {
  while (i > 0) {
    const parent = (i - 1) >> 1;
    if (!before(heap[i], heap[parent])) break;
    swap(i, parent);
    i = parent;
  }
}
function siftDown(i) {
  for (;;) {
    const left = 2 * i + 1;
    const right = left + 1;
    let smallest = i;
    if (left < heap.length && before(heap[left], heap[smallest])) smallest = left;
    if (right < heap.length && before(heap[right], heap[smallest])) smallest = right;
    if (smallest === i) return;
    swap(i, smallest);
    i = smallest;
  }
}
function heapRemove(timer) {
  const i = timer._heapIndex;
  if (i < 0) return;
  const last = heap.pop();
  timer._heapIndex = -1;
  if (i < heap.length) {
    heap[i] = last;
    last._heapIndex = i;
    siftUp(i);
    siftDown(last._heapIndex);
  }
}

function incRefCount() {
  if (refCount++ === 0) toggleTimerRef(true);
}
function decRefCount() {
  if (--refCount === 0) toggleTimerRef(false);
}

// Puts `timer` in the heap, due `_idleTimeout` ms after `start`.
function insert(timer, start = getLibuvNow()) {
  timer._idleStart = start;
  timer._expiry = start + timer._idleTimeout;
  timer._sequence = ++timerSequence;
  timer._heapIndex = heap.length;
  heap.push(timer);
  siftUp(timer._heapIndex);
  if (timer._expiry < nextExpiry) {
    scheduleTimer(timer._idleTimeout);
    nextExpiry = timer._expiry;
  }
}

class Timeout {
  constructor(callback, after, args, isRepeat, isRefed) {
    after *= 1;
    if (!(after >= 1 && after <= TIMEOUT_MAX)) {
      if (after > TIMEOUT_MAX) {
        process.emitWarning(`${after} does not fit into a 32-bit signed integer.\nTimeout duration was set to 1.`,
          'TimeoutOverflowWarning');
      }
      after = 1;
    }
    this._idleTimeout = after;
    this._idleStart = null;
    this._onTimeout = callback;
    this._timerArgs = args;
    this._repeat = isRepeat ? after : null;
    this._destroyed = false;
    this._heapIndex = -1;
    this._expiry = 0;
    this._sequence = 0;
    this[kRefed] = isRefed;
    this[kHasPrimitive] = false;
    this._frame = asyncContext.capture();
    if (isRefed) incRefCount();
  }

  refresh() {
    if (this._destroyed) return this;
    heapRemove(this);
    insert(this);
    return this;
  }
  unref() {
    if (this[kRefed]) {
      this[kRefed] = false;
      if (!this._destroyed) decRefCount();
    }
    return this;
  }
  ref() {
    if (!this[kRefed]) {
      this[kRefed] = true;
      if (!this._destroyed) incRefCount();
    }
    return this;
  }
  hasRef() {
    return this[kRefed];
  }
  close() {
    clearTimeout(this);
    return this;
  }
  [Symbol.toPrimitive]() {
    if (!this[kHasPrimitive]) {
      this[kHasPrimitive] = true;
      this._timerId = ++lastTimerId;
      knownTimersById.set(this._timerId, this);
    }
    return this._timerId;
  }
}

function unenroll(timer) {
  if (timer._destroyed) return;
  timer._destroyed = true;
  if (timer[kHasPrimitive]) knownTimersById.delete(timer._timerId);
  if (timer[kRefed]) decRefCount();
  heapRemove(timer);
  timer._idleTimeout = -1;
}

function processTimers(now) {
  nextExpiry = Infinity;
  let ranAtLeastOne = false;
  for (;;) {
    if (ranAtLeastOne) runNextTicks();
    const timer = heap[0];
    if (timer === undefined) break;
    if (timer._expiry > now) {
      nextExpiry = timer._expiry;
      return refCount > 0 ? nextExpiry : -nextExpiry;
    }
    ranAtLeastOne = true;
    heapRemove(timer);
    const start = timer._repeat ? getLibuvNow() : 0;
    try {
      const args = timer._timerArgs;
      if (timer._frame !== undefined) asyncContext.runInFrame(timer._frame, timer._onTimeout, timer, args || []);
      else if (args === undefined) timer._onTimeout();
      else Reflect.apply(timer._onTimeout, timer, args);
    } finally {
      if (timer._repeat && timer._idleTimeout !== -1 && !timer._destroyed) {
        timer._idleTimeout = timer._repeat;
        if (timer._heapIndex < 0) insert(timer, start);
      } else if (timer._heapIndex < 0 && !timer._destroyed) {
        // Not refreshed by its callback: done.
        timer._destroyed = true;
        if (timer[kHasPrimitive]) knownTimersById.delete(timer._timerId);
        if (timer[kRefed]) refCount--;
      }
    }
  }
  if (refCount === 0) toggleTimerRef(false);
  return 0;
}

function setTimeout(callback, after, ...args) {
  validateFunction(callback, 'callback');
  const timer = new Timeout(callback, after, args.length ? args : undefined, false, true);
  insert(timer);
  return timer;
}

function setInterval(callback, repeat, ...args) {
  validateFunction(callback, 'callback');
  const timer = new Timeout(callback, repeat, args.length ? args : undefined, true, true);
  insert(timer);
  return timer;
}

function clearTimeout(timer) {
  if (timer && timer._onTimeout) {
    timer._onTimeout = null;
    unenroll(timer);
    return;
  }
  if (typeof timer === 'number' || typeof timer === 'string') {
    const found = knownTimersById.get(+timer);
    if (found !== undefined) {
      found._onTimeout = null;
      unenroll(found);
    }
  }
}

// --- Immediates ------------------------------------------------------------------------

class ImmediateList {
  constructor() {
    this.head = null;
    this.tail = null;
  }
  append(item) {
    if (this.tail !== null) {
      this.tail._idleNext = item;
      item._idlePrev = this.tail;
    } else {
      this.head = item;
    }
    this.tail = item;
  }
  remove(item) {
    if (item._idleNext) item._idleNext._idlePrev = item._idlePrev;
    if (item._idlePrev) item._idlePrev._idleNext = item._idleNext;
    if (item === this.head) this.head = item._idleNext;
    if (item === this.tail) this.tail = item._idlePrev;
    item._idleNext = null;
    item._idlePrev = null;
  }
}

const immediateQueue = new ImmediateList();
const outstandingQueue = new ImmediateList();

class Immediate {
  constructor(callback, args) {
    this._idleNext = null;
    this._idlePrev = null;
    this._onImmediate = callback;
    this._argv = args;
    this._destroyed = false;
    this._frame = asyncContext.capture();
    this[kRefed] = false;
    this.ref();
    immediateInfo[kCount]++;
    immediateQueue.append(this);
  }
  ref() {
    if (this[kRefed] === false) {
      this[kRefed] = true;
      if (immediateInfo[kRefCount]++ === 0) toggleImmediateRef(true);
    }
    return this;
  }
  unref() {
    if (this[kRefed] === true) {
      this[kRefed] = false;
      if (--immediateInfo[kRefCount] === 0) toggleImmediateRef(false);
    }
    return this;
  }
  hasRef() {
    return !!this[kRefed];
  }
}

function processImmediates() {
  const queue = outstandingQueue.head !== null ? outstandingQueue : immediateQueue;
  let immediate = queue.head;
  // Immediates added while these run wait for the next loop iteration.
  if (queue !== outstandingQueue) {
    queue.head = queue.tail = null;
    immediateInfo[kHasOutstanding] = 1;
  }
  let previous;
  let ranAtLeastOne = false;
  while (immediate !== null) {
    if (ranAtLeastOne) runNextTicks();
    else ranAtLeastOne = true;
    if (immediate._destroyed) {
      outstandingQueue.head = immediate = previous ? previous._idleNext : immediate._idleNext;
      continue;
    }
    immediate._destroyed = true;
    immediateInfo[kCount]--;
    if (immediate[kRefed]) immediateInfo[kRefCount]--;
    immediate[kRefed] = null;
    previous = immediate;
    try {
      const argv = immediate._argv;
      if (immediate._frame !== undefined) asyncContext.runInFrame(immediate._frame, immediate._onImmediate, immediate, argv || []);
      else if (!argv) immediate._onImmediate();
      else Reflect.apply(immediate._onImmediate, immediate, argv);
    } finally {
      immediate._onImmediate = null;
      outstandingQueue.head = immediate = immediate._idleNext;
    }
  }
  if (queue === outstandingQueue) outstandingQueue.head = null;
  immediateInfo[kHasOutstanding] = 0;
}

function setImmediate(callback, ...args) {
  validateFunction(callback, 'callback');
  return new Immediate(callback, args.length ? args : undefined);
}

function clearImmediate(immediate) {
  if (!immediate || immediate._destroyed) return;
  immediateInfo[kCount]--;
  immediate._destroyed = true;
  if (immediate[kRefed] && --immediateInfo[kRefCount] === 0) toggleImmediateRef(false);
  immediate[kRefed] = null;
  immediate._onImmediate = null;
  immediateQueue.remove(immediate);
}

module.exports = {
  Timeout,
  Immediate,
  setTimeout,
  setInterval,
  clearTimeout,
  clearInterval: clearTimeout,
  setImmediate,
  clearImmediate,
  processTimers,
  processImmediates,
  getLibuvNow,
  kRefed,
};
