'use strict';
// The Console class and the global console: log/info/debug to stdout, warn/error/trace
// to stderr, dir, table, time/timeEnd/timeLog, count, assert and group, formatted with
// util.formatWithOptions (colours when the stream is a terminal that has them).

const { formatWithOptions, inspect, getStringWidth } = require('internal/inspect');
const { codes, validateArray } = require('internal/errors');
const { previewEntries, types } = internalBinding('util');

const kGroupIndent = Symbol('kGroupIndent');
const kGroupIndentationWidth = Symbol('kGroupIndentationWidth');
const kCounts = Symbol('kCounts');
const kTimers = Symbol('kTimers');
const kColorMode = Symbol('kColorMode');
const kInspectOptions = Symbol('kInspectOptions');
const kIgnoreErrors = Symbol('kIgnoreErrors');

function Console(options, stderr, ignoreErrors) {
  if (!new.target) return Reflect.construct(Console, arguments);
  if (!options || typeof options.write === 'function') {
    options = { stdout: options, stderr, ignoreErrors };
  }
  const {
    stdout, stderr: errStream = stdout, ignoreErrors: ignore = true, colorMode = 'auto', inspectOptions,
    groupIndentation = 2,
  } = options;
  if (!stdout || typeof stdout.write !== 'function') throw new codes.ERR_INVALID_ARG_TYPE('stdout', 'WritableStream', stdout);
  Object.defineProperty(this, '_stdout', { value: stdout, writable: true, configurable: true });
  Object.defineProperty(this, '_stderr', { value: errStream, writable: true, configurable: true });
  this[kIgnoreErrors] = ignore;
  this[kColorMode] = colorMode;
  this[kInspectOptions] = inspectOptions;
  this[kGroupIndent] = '';
  this[kGroupIndentationWidth] = groupIndentation;
  this[kCounts] = new Map();
  this[kTimers] = new Map();
  // Methods work detached (`const { log } = console`), as in Node.
  for (const key of Object.keys(Console.prototype)) {
    this[key] = Console.prototype[key].bind(this);
    Object.defineProperty(this[key], 'name', { value: key });
  }
}

function inspectOptionsFor(consoleObject, stream) {
  let color = consoleObject[kColorMode];
  if (color === 'auto') {
    color = !!stream.isTTY && (typeof stream.getColorDepth === 'function' ? stream.getColorDepth() > 2 : true);
  }
  const options = consoleObject[kInspectOptions];
  if (options) {
    if (options.colors === undefined) return { ...options, colors: color };
    return options;
  }
  return color ? { colors: true } : {};
}

function writeTo(consoleObject, useStderr, string) {
  const stream = useStderr ? consoleObject._stderr : consoleObject._stdout;
  const indent = consoleObject[kGroupIndent];
  if (indent.length !== 0) {
    if (string.includes('\n')) string = string.replace(/\n/g, `\n${indent}`);
    string = indent + string;
  }
  string += '\n';
  if (consoleObject[kIgnoreErrors] === false) {
    stream.write(string);
    return;
  }
  try {
    if (stream.listenerCount && stream.listenerCount('error') === 0) stream.once('error', () => {});
    stream.write(string);
  } catch (error) {
    if (error && error.name === 'RangeError' && /call stack/.test(error.message)) throw error;
  }
}

function formatFor(consoleObject, stream, args) {
  return formatWithOptions(inspectOptionsFor(consoleObject, stream), ...args);
}

function formatTime(ms) {
  let hours = 0;
  let minutes = 0;
  let seconds = 0;
  if (ms >= 1000) {
    if (ms >= 60000) {
      if (ms >= 3600000) {
        hours = Math.floor(ms / 3600000);
        ms %= 3600000;
      }
      minutes = Math.floor(ms / 60000);
      ms %= 60000;
    }
    seconds = ms / 1000;
  }
  if (hours !== 0 || minutes !== 0) {
    const [sec, milli] = seconds.toFixed(3).split('.');
    const res = hours !== 0 ? `${hours}:${String(minutes).padStart(2, '0')}` : minutes;
    return `${res}:${sec.padStart(2, '0')}.${milli} (${hours !== 0 ? 'h:m' : ''}m:ss.mmm)`;
  }
  if (seconds !== 0) return `${seconds.toFixed(3)}s`;
  return `${Number(ms.toFixed(3))}ms`;
}

function timeLogImpl(consoleObject, name, label, data) {
  const time = consoleObject[kTimers].get(label);
  if (time === undefined) {
    process.emitWarning(`No such label '${label}' for console.${name}()`);
    return false;
  }
  const duration = Number(process.hrtime.bigint() - time) / 1e6;
  const formatted = formatTime(duration);
  if (data === undefined) consoleObject.log('%s: %s', label, formatted);
  else consoleObject.log('%s: %s', label, formatted, ...data);
  return true;
}

const tableChars = {
  middleMiddle: '\u2500', rowMiddle: '\u253c', topRight: '\u2510', topLeft: '\u250c', leftMiddle: '\u251c',
  topMiddle: '\u252c', bottomRight: '\u2518', bottomLeft: '\u2514', bottomMiddle: '\u2534', rightMiddle: '\u2524',
  left: '\u2502 ', right: ' \u2502', middle: ' \u2502 ',
};

function renderRow(row, columnWidths) {
  let out = tableChars.left;
  for (let i = 0; i < row.length; i++) {
    const cell = row[i];
    const len = getStringWidth(cell);
    out += cell + ' '.repeat(columnWidths[i] - len);
    if (i !== row.length - 1) out += tableChars.middle;
  }
  out += tableChars.right;
  return out;
}

function renderTable(head, columns) {
  const rows = [];
  const columnWidths = head.map((h) => getStringWidth(h));
  const longestColumn = Math.max(...columns.map((a) => a.length));
  for (let i = 0; i < head.length; i++) {
    const column = columns[i];
    for (let j = 0; j < longestColumn; j++) {
      if (rows[j] === undefined) rows[j] = [];
      const value = rows[j][i] = Object.prototype.hasOwnProperty.call(column, j) ? column[j] : '';
      const width = columnWidths[i] || 0;
      columnWidths[i] = Math.max(width, getStringWidth(value));
    }
  }
  const divider = columnWidths.map((i) => tableChars.middleMiddle.repeat(i + 2));
  let result = `${tableChars.topLeft}${divider.join(tableChars.topMiddle)}${tableChars.topRight}\n` +
    `${renderRow(head, columnWidths)}\n` +
    `${tableChars.leftMiddle}${divider.join(tableChars.rowMiddle)}${tableChars.rightMiddle}\n`;
  for (const row of rows) result += `${renderRow(row, columnWidths)}\n`;
  result += `${tableChars.bottomLeft}${divider.join(tableChars.bottomMiddle)}${tableChars.bottomRight}`;
  return result;
}

Console.prototype = {
  log(...args) {
    writeTo(this, false, formatFor(this, this._stdout, args));
  },
  warn(...args) {
    writeTo(this, true, formatFor(this, this._stderr, args));
  },
  dir(object, options) {
    writeTo(this, false, inspect(object, { customInspect: false, ...inspectOptionsFor(this, this._stdout), ...options }));
  },
  time(label = 'default') {
    label = `${label}`;
    if (this[kTimers].has(label)) {
      process.emitWarning(`Label '${label}' already exists for console.time()`);
      return;
    }
    this[kTimers].set(label, process.hrtime.bigint());
  },
  timeEnd(label = 'default') {
    label = `${label}`;
    if (timeLogImpl(this, 'timeEnd', label)) this[kTimers].delete(label);
  },
  timeLog(label = 'default', ...data) {
    timeLogImpl(this, 'timeLog', `${label}`, data);
  },
  trace: function trace(...args) {
    const err = { name: 'Trace', message: formatFor(this, this._stderr, args) };
    Error.captureStackTrace(err, trace);
    this.error(err.stack);
  },
  assert(expression, ...args) {
    if (!expression) {
      args[0] = `Assertion failed${args.length === 0 ? '' : `: ${args[0]}`}`;
      Reflect.apply(this.warn, this, args);
    }
  },
  clear() {
    if (this._stdout.isTTY && process.env.TERM !== 'dumb') this._stdout.write('\u001b[1;1H\u001b[0J');
  },
  count(label = 'default') {
    label = `${label}`;
    const counts = this[kCounts];
    let count = counts.get(label);
    count = count === undefined ? 1 : count + 1;
    counts.set(label, count);
    this.log(`${label}: ${count}`);
  },
  countReset(label = 'default') {
    const counts = this[kCounts];
    if (!counts.has(`${label}`)) {
      process.emitWarning(`Count for '${label}' does not exist`);
      return;
    }
    counts.delete(`${label}`);
  },
  group(...data) {
    if (data.length > 0) Reflect.apply(this.log, this, data);
    this[kGroupIndent] += ' '.repeat(this[kGroupIndentationWidth]);
  },
  groupEnd() {
    this[kGroupIndent] = this[kGroupIndent].slice(0, this[kGroupIndent].length - this[kGroupIndentationWidth]);
  },
  table(tabularData, properties) {
    if (properties !== undefined) validateArray(properties, 'properties');
    if (tabularData === null || typeof tabularData !== 'object') return this.log(tabularData);
    const final = (k, v) => this.log(renderTable(k, v));
    const inspectCell = (v) => {
      const depth = v !== null && typeof v === 'object' && !Array.isArray(v) && Object.keys(v).length > 2 ? -1 : 0;
      const opt = { depth, maxArrayLength: 3, breakLength: Infinity, ...inspectOptionsFor(this, this._stdout) };
      return inspect(v, opt);
    };
    const getIndexArray = (length) => Array.from({ length }, (_, i) => inspectCell(i));
    const mapIter = types.isMapIterator(tabularData);
    let isKeyValue = false;
    let i = 0;
    if (mapIter) {
      const res = previewEntries(tabularData, true);
      tabularData = res[0];
      isKeyValue = res[1];
    }
    if (isKeyValue || types.isMap(tabularData)) {
      const keys = [];
      const values = [];
      let length = 0;
      if (mapIter) {
        for (; i < tabularData.length / 2; ++i) {
          keys.push(inspectCell(tabularData[i * 2]));
          values.push(inspectCell(tabularData[i * 2 + 1]));
          length++;
        }
      } else {
        for (const [k, v] of tabularData) {
          keys.push(inspectCell(k));
          values.push(inspectCell(v));
          length++;
        }
      }
      return final(['(iteration index)', 'Key', 'Values'], [getIndexArray(length), keys, values]);
    }
    const setIter = types.isSetIterator(tabularData);
    if (setIter) tabularData = previewEntries(tabularData);
    if (setIter || mapIter || types.isSet(tabularData)) {
      const values = [];
      let length = 0;
      for (const v of tabularData) {
        values.push(inspectCell(v));
        length++;
      }
      return final(['(iteration index)', 'Values'], [getIndexArray(length), values]);
    }
    const map = Object.create(null);
    let hasPrimitives = false;
    const valuesKeyArray = [];
    const indexKeyArray = Object.keys(tabularData);
    for (; i < indexKeyArray.length; i++) {
      const item = tabularData[indexKeyArray[i]];
      const primitive = item === null || (typeof item !== 'function' && typeof item !== 'object');
      if (properties === undefined && primitive) {
        hasPrimitives = true;
        valuesKeyArray[i] = inspectCell(item);
      } else {
        const keys = properties || Object.keys(item);
        for (const key of keys) {
          if (map[key] === undefined) map[key] = [];
          if ((primitive && properties) || !Object.prototype.hasOwnProperty.call(item, key)) map[key][i] = '';
          else map[key][i] = inspectCell(item[key]);
        }
      }
    }
    const keys = Object.keys(map);
    const values = Object.values(map);
    if (hasPrimitives) {
      keys.push('Values');
      values.push(valuesKeyArray);
    }
    keys.unshift('(index)');
    values.unshift(indexKeyArray);
    return final(keys, values);
  },
};
Console.prototype.debug = Console.prototype.log;
Console.prototype.info = Console.prototype.log;
Console.prototype.dirxml = Console.prototype.log;
Console.prototype.error = Console.prototype.warn;
Console.prototype.groupCollapsed = Console.prototype.group;
Object.defineProperty(Console.prototype, 'constructor', { value: Console, writable: true, configurable: true });

let globalConsoleObject;

// The global console: writes to process.stdout/stderr, created on first use.
function globalConsole() {
  if (globalConsoleObject) return globalConsoleObject;
  const target = Object.create({});
  const lazyStream = (name) => ({
    get() {
      return process[name];
    },
    configurable: true,
  });
  Object.defineProperty(target, '_stdout', lazyStream('stdout'));
  Object.defineProperty(target, '_stderr', lazyStream('stderr'));
  target[kIgnoreErrors] = true;
  target[kColorMode] = 'auto';
  target[kGroupIndent] = '';
  target[kGroupIndentationWidth] = 2;
  target[kCounts] = new Map();
  target[kTimers] = new Map();
  for (const key of Object.keys(Console.prototype)) {
    const method = Console.prototype[key].bind(target);
    Object.defineProperty(method, 'name', { value: key });
    target[key] = method;
  }
  target.Console = Console;
  target.context = () => globalConsole();
  globalConsoleObject = target;
  return target;
}

module.exports = { Console, globalConsole, formatTime };
