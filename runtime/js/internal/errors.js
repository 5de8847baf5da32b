'use strict';
// Node-style errors: classes whose stack and toString read "TypeError [ERR_X]: ...",
// with a `code` property, the message formats of the codes lode uses, system errors
// from libuv codes, and the argument validators built on them.

const messages = new Map();
const codes = {};

function makeNodeErrorWithCode(Base, key) {
  return class NodeError extends Base {
    constructor(...args) {
      const message = messages.get(key);
      super(typeof message === 'function' ? message(...args) : message);
      Object.defineProperty(this, 'code', { value: key, enumerable: true, writable: true, configurable: true });
      // The stack is formatted on first access with the name at that time.
      const name = this.name;
      this.name = `${name} [${key}]`;
      this.stack; // eslint-disable-line no-unused-expressions
      delete this.name;
    }
    toString() {
      return `${this.name} [${key}]: ${this.message}`;
    }
  };
}

// Classes are made on first use: most runs never throw most of these.
function E(key, message, Base) {
  messages.set(key, message);
  let made;
  Object.defineProperty(codes, key, {
    configurable: true,
    enumerable: true,
    get() {
      return made || (made = makeNodeErrorWithCode(Base, key));
    },
  });
}

function describeReceived(value) {
  if (value == null) return ` Received ${value}`;
  if (typeof value === 'function') return ` Received function ${value.name}`;
  if (typeof value === 'object') {
    if (value.constructor && value.constructor.name) return ` Received an instance of ${value.constructor.name}`;
    return ` Received ${require('internal/inspect').inspect(value, { depth: -1 })}`;
  }
  let shown = require('internal/inspect').inspect(value, { colors: false });
  if (shown.length > 28) shown = `${shown.slice(0, 25)}...`;
  return ` Received type ${typeof value} (${shown})`;
}

function listOf(items, joiner = 'or') {
  if (items.length <= 2) return items.join(` ${joiner} `);
  return `${items.slice(0, -1).join(', ')}, ${joiner} ${items[items.length - 1]}`;
}

E('ERR_INVALID_ARG_TYPE', (name, expected, actual) => {
  const types = Array.isArray(expected) ? expected : [expected];
  const kinds = [];
  const classes = [];
  for (const type of types) {
    if (/^[A-Z]/.test(type) && type !== 'Function' && type !== 'Object') classes.push(type);
    else kinds.push(type.toLowerCase() === 'function' ? 'function' : type.toLowerCase() === 'object' ? 'object' : type);
  }
  const what = name.endsWith(' argument') ? name : `"${name}" ${name.includes('.') ? 'property' : 'argument'}`;
  let message = `The ${what} must be `;
  const parts = [];
  if (kinds.length) parts.push(`${kinds.length > 1 ? 'one of type' : 'of type'} ${listOf(kinds)}`);
  if (classes.length) parts.push(`${classes.length > 1 ? 'an instance of' : 'an instance of'} ${listOf(classes)}`);
  message += parts.join(' or ');
  return message + '.' + describeReceived(actual);
}, TypeError);
E('ERR_INVALID_ARG_VALUE', (name, value, reason = 'is invalid') => {
  let shown = require('internal/inspect').inspect(value);
  if (shown.length > 128) shown = `${shown.slice(0, 128)}...`;
  const kind = name.includes('.') ? 'property' : 'argument';
  return `The ${kind} '${name}' ${reason}. Received ${shown}`;
}, TypeError);
E('ERR_OUT_OF_RANGE', (name, range, value) => {
  let received = String(value);
  if (Number.isInteger(value) && Math.abs(value) > 2 ** 32) received = addNumericalSeparator(received);
  else if (typeof value === 'bigint') received = `${value}n`;
  else if (typeof value !== 'number') received = require('internal/inspect').inspect(value);
  return `The value of "${name}" is out of range. It must be ${range}. Received ${received}`;
}, RangeError);
E('ERR_MISSING_ARGS', (...names) => `The ${listOf(names.map((n) => `"${n}"`), 'and')} argument${names.length > 1 ? 's' : ''} must be specified`, TypeError);
E('ERR_INVALID_RETURN_VALUE', (input, name, value) => `Expected ${input} to be returned from the "${name}" function but got ${value === null ? 'null' : typeof value}.`, TypeError);
E('ERR_UNHANDLED_ERROR', (err = undefined) => {
  const msg = 'Unhandled error.';
  if (err === undefined) return msg;
  return `${msg} (${require('internal/inspect').inspect(err)})`;
}, Error);
E('ERR_UNHANDLED_REJECTION', (reason) => 'This error originated either by throwing inside of an async function without a catch block, or by rejecting a promise which was not handled with .catch(). The promise rejected with the reason ' + `"${reason}".`, Error);
E('ERR_METHOD_NOT_IMPLEMENTED', (name) => `The ${name} method is not implemented`, Error);
E('ERR_STREAM_WRITE_AFTER_END', 'write after end', Error);
E('ERR_STREAM_DESTROYED', (name) => `Cannot call ${name} after a stream was destroyed`, Error);
E('ERR_STREAM_PUSH_AFTER_EOF', 'stream.push() after EOF', Error);
E('ERR_STREAM_NULL_VALUES', 'May not write null values to stream', TypeError);
E('ERR_STREAM_PREMATURE_CLOSE', 'Premature close', Error);
E('ERR_STREAM_CANNOT_PIPE', 'Cannot pipe, not readable', Error);
E('ERR_STREAM_ALREADY_FINISHED', (name) => `Cannot call ${name} after a stream was finished`, Error);
E('ERR_MULTIPLE_CALLBACK', 'Callback called multiple times', Error);
E('ERR_UNKNOWN_ENCODING', (name) => `Unknown encoding: ${name}`, TypeError);
E('ERR_UNKNOWN_SIGNAL', (signal) => `Unknown signal: ${signal}`, TypeError);
E('ERR_INVALID_THIS', (type) => `Value of "this" must be of type ${type}`, TypeError);
E('ERR_INVALID_URL', (input) => 'Invalid URL', TypeError);
E('ERR_INVALID_URL_SCHEME', (expected) => `The URL must be of scheme ${expected}`, TypeError);
E('ERR_INVALID_FILE_URL_HOST', (platform) => `File URL host must be "localhost" or empty on ${platform}`, TypeError);
E('ERR_INVALID_FILE_URL_PATH', (reason) => `File URL path ${reason}`, TypeError);
E('ERR_INVALID_TUPLE', (name, value) => `${name} must be an iterable ${value} tuple`, TypeError);
E('ERR_ARG_NOT_ITERABLE', (name) => `${name} must be iterable`, TypeError);
E('ERR_REQUIRE_ESM', (filename, parentPath) => {
  let message = `require() of ES Module ${filename}${parentPath ? ` from ${parentPath}` : ''} not supported.`;
  message += `\nInstead change the require of ${filename} to a dynamic import() which is available in all CommonJS modules.`;
  return message;
}, Error);
E('ERR_UNKNOWN_BUILTIN_MODULE', (name) => `No such built-in module: ${name}`, Error);
E('ERR_ILLEGAL_CONSTRUCTOR', 'Illegal constructor', TypeError);
E('ERR_INVALID_STATE', (message) => `Invalid state: ${message}`, Error);
E('ERR_ENCODING_NOT_SUPPORTED', (encoding) => `The "${encoding}" encoding is not supported`, RangeError);
E('ERR_ENCODING_INVALID_ENCODED_DATA', (encoding) => `The encoded data was not valid for encoding ${encoding}`, TypeError);
E('ERR_BUFFER_OUT_OF_BOUNDS', (name) => name ? `"${name}" is outside of buffer bounds` : 'Attempt to access memory outside buffer bounds', RangeError);
E('ERR_INVALID_BUFFER_SIZE', (suffix) => `Buffer size must be a ${suffix}`, RangeError);
E('ERR_FS_EISDIR', (path) => `Path is a directory: rm returned EISDIR (is a directory) ${path}`, Error);
E('ERR_DLOPEN_FAILED', (message) => message, Error);
E('ERR_FALSY_VALUE_REJECTION', 'Promise was rejected with falsy value', Error);
E('ERR_INSPECTOR_NOT_AVAILABLE', 'Inspector is not available', Error);
E('ERR_SYNTHETIC', 'JavaScript Callstack', Error);
E('ERR_NO_CRYPTO', 'Node.js is not compiled with OpenSSL crypto support', Error);
E('ERR_ASSERTION', (message) => message, Error);
E('ERR_AMBIGUOUS_ARGUMENT', (name, reason) => `The "${name}" argument is ambiguous. ${reason}`, TypeError);

function addNumericalSeparator(text) {
  let out = '';
  let i = text.length;
  const start = text[0] === '-' ? 1 : 0;
  for (; i >= start + 4; i -= 3) out = `_${text.slice(i - 3, i)}${out}`;
  return `${text.slice(0, i)}${out}`;
}

// An error with Node's shape for a failure the caller describes by code and message.
function errorWithCode(Base, code, message) {
  const error = new Base(message);
  const name = error.name;
  error.name = `${name} [${code}]`;
  error.stack; // eslint-disable-line no-unused-expressions
  delete error.name;
  Object.defineProperty(error, 'code', { value: code, enumerable: true, writable: true, configurable: true });
  return error;
}

class AbortError extends Error {
  constructor(message = 'The operation was aborted', options = undefined) {
    super(message, options);
    this.code = 'ABORT_ERR';
    this.name = 'AbortError';
  }
}

function validateString(value, name) {
  if (typeof value !== 'string') throw new codes.ERR_INVALID_ARG_TYPE(name, 'string', value);
}
function validateNumber(value, name, min = undefined, max = undefined) {
  if (typeof value !== 'number') throw new codes.ERR_INVALID_ARG_TYPE(name, 'number', value);
  if ((min != null && value < min) || (max != null && value > max) || ((min != null || max != null) && Number.isNaN(value))) {
    throw new codes.ERR_OUT_OF_RANGE(name, `${min != null ? `>= ${min}` : ''}${min != null && max != null ? ' && ' : ''}${max != null ? `<= ${max}` : ''}`, value);
  }
}
function validateInteger(value, name, min = Number.MIN_SAFE_INTEGER, max = Number.MAX_SAFE_INTEGER) {
  if (typeof value !== 'number') throw new codes.ERR_INVALID_ARG_TYPE(name, 'number', value);
  if (!Number.isInteger(value)) throw new codes.ERR_OUT_OF_RANGE(name, 'an integer', value);
  if (value < min || value > max) throw new codes.ERR_OUT_OF_RANGE(name, `>= ${min} && <= ${max}`, value);
}
function validateFunction(value, name) {
  if (typeof value !== 'function') throw new codes.ERR_INVALID_ARG_TYPE(name, 'Function', value);
}
function validateObject(value, name, { nullable = false, allowArray = false, allowFunction = false } = {}) {
  if ((!nullable && value === null) || (!allowArray && Array.isArray(value)) ||
      (typeof value !== 'object' && (!allowFunction || typeof value !== 'function'))) {
    throw new codes.ERR_INVALID_ARG_TYPE(name, 'Object', value);
  }
}
function validateBoolean(value, name) {
  if (typeof value !== 'boolean') throw new codes.ERR_INVALID_ARG_TYPE(name, 'boolean', value);
}
function validateArray(value, name) {
  if (!Array.isArray(value)) throw new codes.ERR_INVALID_ARG_TYPE(name, 'Array', value);
}
function validateOneOf(value, name, oneOf) {
  if (!oneOf.includes(value)) {
    const allowed = oneOf.map((v) => (typeof v === 'string' ? `'${v}'` : String(v))).join(', ');
    throw new codes.ERR_INVALID_ARG_VALUE(name, value, `must be one of: ${allowed}`);
  }
}
function validateAbortSignal(signal, name) {
  if (signal !== undefined && (signal === null || typeof signal !== 'object' || !('aborted' in signal))) {
    throw new codes.ERR_INVALID_ARG_TYPE(name, 'AbortSignal', signal);
  }
}

// Node's system error from a negative libuv code, for callers that got a code back.
function uvException({ errno, syscall, path, dest }) {
  const { name, message } = uvErrorName(errno);
  let text = `${name}: ${message}, ${syscall}`;
  if (path) text += ` '${path}'`;
  if (dest) text += ` -> '${dest}'`;
  const error = new Error(text);
  error.errno = errno;
  error.code = name;
  error.syscall = syscall;
  if (path) error.path = path;
  if (dest) error.dest = dest;
  return error;
}

const errnoNames = {
  1: ['EPERM', 'operation not permitted'], 2: ['ENOENT', 'no such file or directory'], 3: ['ESRCH', 'no such process'],
  4: ['EINTR', 'interrupted system call'], 5: ['EIO', 'i/o error'], 9: ['EBADF', 'bad file descriptor'],
  11: ['EAGAIN', 'resource temporarily unavailable'], 12: ['ENOMEM', 'not enough memory'],
  13: ['EACCES', 'permission denied'], 17: ['EEXIST', 'file already exists'], 20: ['ENOTDIR', 'not a directory'],
  21: ['EISDIR', 'illegal operation on a directory'], 22: ['EINVAL', 'invalid argument'],
  24: ['EMFILE', 'too many open files'], 28: ['ENOSPC', 'no space left on device'], 32: ['EPIPE', 'broken pipe'],
  39: ['ENOTEMPTY', 'directory not empty'],
};
function uvErrorName(errno) {
  const entry = errnoNames[-errno];
  return entry ? { name: entry[0], message: entry[1] } : { name: 'UNKNOWN', message: 'unknown error' };
}
function errnoException(errno, syscall) {
  return uvException({ errno, syscall });
}

// Marks a function so its frame is not shown (kept for the call sites that mirror Node's
// code; V8's stack capture already starts at the throw).
function hideStackFrames(fn) {
  return fn;
}

module.exports = {
  codes,
  AbortError,
  errorWithCode,
  uvException,
  errnoException,
  uvErrorName,
  hideStackFrames,
  validateString,
  validateNumber,
  validateInteger,
  validateFunction,
  validateObject,
  validateBoolean,
  validateArray,
  validateOneOf,
  validateAbortSignal,
};
