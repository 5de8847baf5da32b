'use strict';
// node:util: inspect and format, promisify/callbackify, inherits, deprecate, debuglog,
// isDeepStrictEqual, types, parseArgs, styleText and the legacy is* helpers.

const inspectModule = require('internal/inspect');
const { inspect, format, formatWithOptions, stripVTControlCharacters } = inspectModule;
const { codes, validateFunction, validateString, validateObject, uvErrorName } = require('internal/errors');
const types = require('util/types');

const kCustomPromisify = Symbol.for('nodejs.util.promisify.custom');
const kCustomPromisifyArgs = Symbol('customPromisifyArgs');

function promisify(original) {
  validateFunction(original, 'original');
  if (original[kCustomPromisify]) {
    const fn = original[kCustomPromisify];
    validateFunction(fn, 'util.promisify.custom');
    return Object.defineProperty(fn, kCustomPromisify, { value: fn, enumerable: false, writable: false, configurable: true });
  }
  const argumentNames = original[kCustomPromisifyArgs];
  function fn(...args) {
    return new Promise((resolve, reject) => {
      Reflect.apply(original, this, [...args, (err, ...values) => {
        if (err) return reject(err);
        if (argumentNames !== undefined && values.length > 1) {
          const obj = {};
          for (let i = 0; i < argumentNames.length; i++) obj[argumentNames[i]] = values[i];
          resolve(obj);
        } else {
          resolve(values[0]);
        }
      }]);
    });
  }
  Object.setPrototypeOf(fn, Object.getPrototypeOf(original));
  Object.defineProperty(fn, kCustomPromisify, { value: fn, enumerable: false, writable: false, configurable: true });
  return Object.defineProperties(fn, Object.getOwnPropertyDescriptors(original));
}
promisify.custom = kCustomPromisify;

function callbackify(original) {
  validateFunction(original, 'original');
  function callbackified(...args) {
    const maybeCb = args.pop();
    validateFunction(maybeCb, 'last argument');
    const cb = maybeCb.bind(this);
    Reflect.apply(original, this, args).then(
      (ret) => process.nextTick(cb, null, ret),
      (rej) => {
        if (!rej) {
          const error = new codes.ERR_FALSY_VALUE_REJECTION();
          error.reason = rej;
          rej = error;
        }
        process.nextTick(cb, rej);
      });
  }
  const descriptors = Object.getOwnPropertyDescriptors(original);
  if (typeof descriptors.length.value === 'number') descriptors.length.value++;
  if (typeof descriptors.name.value === 'string') descriptors.name.value += 'Callbackified';
  Object.defineProperties(callbackified, descriptors);
  return callbackified;
}

function inherits(ctor, superCtor) {
  if (ctor === undefined || ctor === null) throw new codes.ERR_INVALID_ARG_TYPE('ctor', 'Function', ctor);
  if (superCtor === undefined || superCtor === null) throw new codes.ERR_INVALID_ARG_TYPE('superCtor', 'Function', superCtor);
  if (superCtor.prototype === undefined) throw new codes.ERR_INVALID_ARG_TYPE('superCtor.prototype', 'Object', superCtor.prototype);
  Object.defineProperty(ctor, 'super_', { value: superCtor, writable: true, configurable: true });
  Object.setPrototypeOf(ctor.prototype, superCtor.prototype);
}

const codesWarned = new Set();
function deprecate(fn, msg, code) {
  if (process.noDeprecation === true) return fn;
  let warned = false;
  function deprecated(...args) {
    if (!warned) {
      warned = true;
      if (code !== undefined) {
        if (!codesWarned.has(code)) {
          process.emitWarning(msg, 'DeprecationWarning', code, deprecated);
          codesWarned.add(code);
        }
      } else {
        process.emitWarning(msg, 'DeprecationWarning', deprecated);
      }
    }
    if (new.target) return Reflect.construct(fn, args, new.target);
    return Reflect.apply(fn, this, args);
  }
  Object.setPrototypeOf(deprecated, fn);
  if (fn.prototype) deprecated.prototype = fn.prototype;
  return deprecated;
}

const debugEnv = (process.env.NODE_DEBUG || '').trim();
const debugPatterns = debugEnv ? new RegExp(`^(${debugEnv.replace(/[|\\{}()[\]^$+?.]/g, '\\$&').replace(/\*/g, '.*').replace(/,/g, '$|^')})$`, 'i') : null;
function debuglog(set, callback) {
  const enabled = debugPatterns !== null && debugPatterns.test(set);
  const logger = (...args) => {
    if (!enabled) return;
    if (callback) {
      callback(logger);
      callback = undefined;
    }
    process.stderr.write(`${set.toUpperCase()} ${process.pid}: ${format(...args)}\n`);
  };
  logger.enabled = enabled;
  Object.defineProperty(logger, 'enabled', { get: () => enabled, enumerable: true });
  return logger;
}

function isDeepStrictEqual(a, b) {
  return require('internal/comparisons').isDeepStrictEqual(a, b);
}

function getSystemErrorName(err) {
  if (typeof err !== 'number') throw new codes.ERR_INVALID_ARG_TYPE('err', 'number', err);
  if (err >= 0 || !Number.isSafeInteger(err)) throw new codes.ERR_OUT_OF_RANGE('err', 'a negative integer', err);
  return uvErrorName(err).name;
}

function toUSVString(input) {
  return String(input).toWellFormed ? String(input).toWellFormed() : String(input).replace(/[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/g, '\ufffd');
}

function styleText(format, text) {
  validateString(text, 'text');
  const formats = Array.isArray(format) ? format : [format];
  let left = '';
  let right = '';
  for (const key of formats) {
    const code = inspect.colors[key];
    if (code === undefined) throw new codes.ERR_INVALID_ARG_VALUE('format', key, `must be one of: ${Object.keys(inspect.colors).join(', ')}`);
    left += `\u001b[${code[0]}m`;
    right = `\u001b[${code[1]}m${right}`;
  }
  return `${left}${text}${right}`;
}

// util.parseArgs: Node's argument parser for scripts (strict by default).
function parseArgs(config = {}) {
  validateObject(config, 'config');
  const args = config.args !== undefined ? config.args : process.argv.slice(2);
  const options = config.options || {};
  const strict = config.strict !== undefined ? config.strict : true;
  const allowPositionals = config.allowPositionals !== undefined ? config.allowPositionals : !strict;
  const values = { __proto__: null };
  const positionals = [];
  const tokens = [];
  const shortToLong = {};
  for (const [name, option] of Object.entries(options)) {
    if (option.short) shortToLong[option.short] = name;
    if (option.default !== undefined) values[name] = option.default;
  }
  const store = (name, value, token) => {
    const option = options[name];
    if (option === undefined) {
      if (strict) {
        const err = new TypeError(`Unknown option '${token}'`);
        err.code = 'ERR_PARSE_ARGS_UNKNOWN_OPTION';
        throw err;
      }
      values[name] = value === undefined ? true : value;
      return;
    }
    if (option.type === 'string' && value === undefined) {
      const err = new TypeError(`Option '${token} <value>' argument missing`);
      err.code = 'ERR_PARSE_ARGS_INVALID_OPTION_VALUE';
      throw err;
    }
    if (option.type === 'boolean' && value !== undefined && strict) {
      const err = new TypeError(`Option '${token}' does not take an argument`);
      err.code = 'ERR_PARSE_ARGS_INVALID_OPTION_VALUE';
      throw err;
    }
    const stored = option.type === 'boolean' ? true : value;
    if (option.multiple) {
      if (!Array.isArray(values[name]) || values[name] === option.default) values[name] = [];
      values[name].push(stored);
    } else {
      values[name] = stored;
    }
  };
  for (let i = 0; i < args.length; i++) {
    const arg = args[i];
    if (arg === '--') {
      positionals.push(...args.slice(i + 1));
      tokens.push({ kind: 'option-terminator', index: i });
      break;
    }
    if (arg.startsWith('--')) {
      const eq = arg.indexOf('=');
      const name = eq === -1 ? arg.slice(2) : arg.slice(2, eq);
      let value = eq === -1 ? undefined : arg.slice(eq + 1);
      if (value === undefined && options[name] && options[name].type === 'string' && i + 1 < args.length) value = args[++i];
      tokens.push({ kind: 'option', name, rawName: `--${name}`, index: i, value, inlineValue: eq !== -1 });
      store(name, value, `--${name}`);
    } else if (arg.startsWith('-') && arg.length > 1) {
      for (let j = 1; j < arg.length; j++) {
        const short = arg[j];
        const name = shortToLong[short] || short;
        let value;
        if (options[name] && options[name].type === 'string') {
          value = j + 1 < arg.length ? arg.slice(j + 1) : args[++i];
          j = arg.length;
        }
        tokens.push({ kind: 'option', name, rawName: `-${short}`, index: i, value, inlineValue: false });
        store(name, value, `-${short}`);
      }
    } else {
      if (!allowPositionals) {
        const err = new TypeError(`Unexpected argument '${arg}'. This command does not take positional arguments`);
        err.code = 'ERR_PARSE_ARGS_UNEXPECTED_POSITIONAL';
        throw err;
      }
      positionals.push(arg);
      tokens.push({ kind: 'positional', index: i, value: arg });
    }
  }
  const result = { values, positionals };
  if (config.tokens) result.tokens = tokens;
  return result;
}

function aborted(signal, resource) {
  return new Promise((resolve) => {
    if (signal.aborted) resolve();
    else signal.addEventListener('abort', () => resolve(), { once: true });
  });
}

module.exports = {
  format,
  formatWithOptions,
  inspect,
  inherits,
  promisify,
  callbackify,
  deprecate,
  debuglog,
  debug: debuglog,
  isDeepStrictEqual,
  getSystemErrorName,
  toUSVString,
  stripVTControlCharacters,
  styleText,
  parseArgs,
  aborted,
  types,
  isArray: Array.isArray,
  isBoolean: (v) => typeof v === 'boolean',
  isBuffer: (v) => Buffer.isBuffer(v),
  isNull: (v) => v === null,
  isNullOrUndefined: (v) => v === null || v === undefined,
  isNumber: (v) => typeof v === 'number',
  isString: (v) => typeof v === 'string',
  isSymbol: (v) => typeof v === 'symbol',
  isUndefined: (v) => v === undefined,
  isRegExp: types.isRegExp,
  isObject: (v) => v !== null && typeof v === 'object',
  isDate: types.isDate,
  isError: (v) => types.isNativeError(v) || v instanceof Error,
  isFunction: (v) => typeof v === 'function',
  isPrimitive: (v) => v === null || (typeof v !== 'object' && typeof v !== 'function'),
  log(...args) {
    const d = new Date();
    const pad = (n) => String(n).padStart(2, '0');
    const months = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];
    const time = `${d.getDate()} ${months[d.getMonth()]} ${pad(d.getHours())}:${pad(d.getMinutes())}:${pad(d.getSeconds())}`;
    process.stdout.write(`${time} - ${format(...args)}\n`);
  },
  _extend(target, source) {
    if (source === null || typeof source !== 'object') return target;
    for (const key of Object.keys(source)) target[key] = source[key];
    return target;
  },
};
Object.defineProperty(module.exports, 'TextEncoder', { enumerable: true, get: () => globalThis.TextEncoder });
Object.defineProperty(module.exports, 'TextDecoder', { enumerable: true, get: () => globalThis.TextDecoder });
