'use strict';
// node:perf_hooks: performance.now() and timeOrigin (from the process's start, on the
// monotonic clock), marks and measures, and timerify-free basics.

const binding = internalBinding('process');
const customInspect = Symbol.for('nodejs.util.inspect.custom');

// Milliseconds since the runtime started (monotonic); timeOrigin is that start on the
// wall clock.
const startNs = binding.hrtime() - BigInt(Math.round(binding.uptime() * 1e9));
const timeOrigin = Date.now() - binding.uptime() * 1000;

function now() {
  return Number(binding.hrtime() - startNs) / 1e6;
}

class PerformanceEntry {
  constructor(name, entryType, startTime, duration, detail) {
    this.name = name;
    this.entryType = entryType;
    this.startTime = startTime;
    this.duration = duration;
    this.detail = detail === undefined ? null : detail;
  }
  toJSON() {
    return { name: this.name, entryType: this.entryType, startTime: this.startTime, duration: this.duration, detail: this.detail };
  }
}
class PerformanceMark extends PerformanceEntry {}
class PerformanceMeasure extends PerformanceEntry {}

const entries = [];

const performance = {
  now,
  timeOrigin,
  mark(name, options = {}) {
    const mark = new PerformanceMark(`${name}`, 'mark', options.startTime !== undefined ? options.startTime : now(), 0, options.detail);
    entries.push(mark);
    return mark;
  },
  measure(name, startOrOptions, endMark) {
    const find = (markName) => {
      for (let i = entries.length - 1; i >= 0; i--) if (entries[i].entryType === 'mark' && entries[i].name === markName) return entries[i].startTime;
      throw new SyntaxError(`The "${markName}" performance mark has not been set`);
    };
    let start = 0;
    let end = now();
    let detail;
    if (startOrOptions !== null && typeof startOrOptions === 'object') {
      if (startOrOptions.start !== undefined) start = typeof startOrOptions.start === 'string' ? find(startOrOptions.start) : startOrOptions.start;
      if (startOrOptions.end !== undefined) end = typeof startOrOptions.end === 'string' ? find(startOrOptions.end) : startOrOptions.end;
      if (startOrOptions.duration !== undefined) end = start + startOrOptions.duration;
      detail = startOrOptions.detail;
    } else {
      if (startOrOptions !== undefined) start = find(startOrOptions);
      if (endMark !== undefined) end = find(endMark);
    }
    const measure = new PerformanceMeasure(`${name}`, 'measure', start, end - start, detail);
    entries.push(measure);
    return measure;
  },
  clearMarks(name) {
    for (let i = entries.length - 1; i >= 0; i--) if (entries[i].entryType === 'mark' && (name === undefined || entries[i].name === name)) entries.splice(i, 1);
  },
  clearMeasures(name) {
    for (let i = entries.length - 1; i >= 0; i--) if (entries[i].entryType === 'measure' && (name === undefined || entries[i].name === name)) entries.splice(i, 1);
  },
  getEntries() {
    return entries.slice();
  },
  getEntriesByName(name, type) {
    return entries.filter((e) => e.name === name && (type === undefined || e.entryType === type));
  },
  getEntriesByType(type) {
    return entries.filter((e) => e.entryType === type);
  },
  toJSON() {
    return { timeOrigin, nodeTiming: {}, eventLoopUtilization: {} };
  },
  [customInspect](depth, options, inspect) {
    return `Performance ${inspect({ nodeTiming: {}, timeOrigin }, options)}`;
  },
};
Object.defineProperty(performance, Symbol.toStringTag, { value: 'Performance', configurable: true });

class PerformanceObserver {
  constructor(callback) {
    this.callback = callback;
  }
  observe() {}
  disconnect() {}
  static get supportedEntryTypes() {
    return ['mark', 'measure'];
  }
}

module.exports = {
  performance,
  PerformanceEntry,
  PerformanceMark,
  PerformanceMeasure,
  PerformanceObserver,
  constants: {},
  monitorEventLoopDelay() {
    throw new Error('monitorEventLoopDelay is not supported by lode');
  },
};
