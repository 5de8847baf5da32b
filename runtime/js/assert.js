'use strict';
// node:assert: the assertion functions and AssertionError, with Node's messages for the
// common cases (strict equality shows both values; deep equality shows a line diff of
// their inspections; ok() shows the failing expression read from the caller's source).

const { inspect } = require('internal/inspect');
const { isDeepEqual, isDeepStrictEqual } = require('internal/comparisons');
const { codes } = require('internal/errors');

const kReadableOperator = {
  deepStrictEqual: 'Expected values to be strictly deep-equal:',
  strictEqual: 'Expected values to be strictly equal:',
  strictEqualObject: 'Expected "actual" to be reference-equal to "expected":',
  deepEqual: 'Expected values to be loosely deep-equal:',
  notDeepStrictEqual: 'Expected "actual" not to be strictly deep-equal to:',
  notStrictEqual: 'Expected "actual" to be strictly unequal to:',
  notStrictEqualObject: 'Expected "actual" not to be reference-equal to "expected":',
  notDeepEqual: 'Expected "actual" not to be loosely deep-equal to:',
  notIdentical: 'Values identical but not reference-equal:',
  notDeepEqualUnequal: 'Expected values not to be loosely deep-equal:',
};

function inspectValue(value) {
  return inspect(value, { compact: false, customInspect: false, depth: 1000, maxArrayLength: Infinity,
    showHidden: false, showProxy: false, sorted: true, getters: true });
}

// A line diff of two inspections: "+ actual - expected" as Node prints it.
function diff(actual, expected) {
  const a = inspectValue(actual).split('\n');
  const b = inspectValue(expected).split('\n');
  const m = a.length;
  const n = b.length;
  const lcs = Array.from({ length: m + 1 }, () => new Array(n + 1).fill(0));
  for (let i = m - 1; i >= 0; i--) {
    for (let j = n - 1; j >= 0; j--) lcs[i][j] = a[i] === b[j] ? lcs[i + 1][j + 1] + 1 : Math.max(lcs[i + 1][j], lcs[i][j + 1]);
  }
  const lines = [];
  let i = 0;
  let j = 0;
  while (i < m || j < n) {
    if (i < m && j < n && a[i] === b[j]) {
      lines.push(`  ${a[i]}`);
      i++;
      j++;
    } else if (j >= n || (i < m && lcs[i + 1][j] >= lcs[i][j + 1])) {
      lines.push(`+ ${a[i++]}`);
    } else {
      lines.push(`- ${b[j++]}`);
    }
  }
  return `+ actual - expected\n\n${lines.join('\n')}`;
}

class AssertionError extends Error {
  constructor(options) {
    if (typeof options !== 'object' || options === null) throw new codes.ERR_INVALID_ARG_TYPE('options', 'Object', options);
    const { message, operator, stackStartFn, details } = options;
    let { actual, expected } = options;
    const limit = Error.stackTraceLimit;
    if (message != null) {
      super(String(message));
    } else if (operator === 'deepStrictEqual' || operator === 'strictEqual' || operator === 'deepEqual') {
      const header = operator === 'strictEqual' && (typeof actual === 'object' && actual !== null) &&
        (typeof expected === 'object' && expected !== null) ? kReadableOperator.strictEqualObject : kReadableOperator[operator];
      const oneLine = operator === 'strictEqual' && (typeof actual !== 'object' || actual === null) &&
        (typeof expected !== 'object' || expected === null) && inspectValue(actual).split('\n').length === 1 &&
        inspectValue(expected).split('\n').length === 1;
      if (oneLine) super(`${header}\n\n${inspectValue(actual)} !== ${inspectValue(expected)}\n`);
      else super(`${header}\n${diff(actual, expected)}\n`);
    } else if (operator === 'notDeepStrictEqual' || operator === 'notStrictEqual' || operator === 'notDeepEqual') {
      let base = kReadableOperator[operator];
      const res = inspectValue(actual).split('\n');
      if (operator === 'notStrictEqual' && ((typeof actual === 'object' && actual !== null) || typeof actual === 'function')) {
        base = kReadableOperator.notStrictEqualObject;
      }
      if (res.length > 50) {
        res[46] = '...';
        res.length = 47;
      }
      super(res.length === 1 ? `${base}${res[0].length > 5 ? '\n\n' : ' '}${res[0]}` : `${base}\n\n${res.join('\n')}\n`);
    } else {
      let res = inspectValue(actual);
      let other = inspectValue(expected);
      const knownOperator = kReadableOperator[operator];
      if (operator === 'notDeepEqual' && res === other) res = `${knownOperator}\n\n${res}`;
      if (res.length > 512) res = `${res.slice(0, 509)}...`;
      if (other.length > 512) other = `${other.slice(0, 509)}...`;
      if (operator === 'deepEqual') res = `${knownOperator}\n\n${res}\n\nshould loosely deep-equal\n\n`;
      else other = ` ${operator} ${other}`;
      super(`${res}${other}`);
    }
    Error.stackTraceLimit = limit;
    this.generatedMessage = !message;
    Object.defineProperty(this, 'name', { value: 'AssertionError [ERR_ASSERTION]', enumerable: false, writable: true, configurable: true });
    this.code = 'ERR_ASSERTION';
    if (details) {
      this.actual = undefined;
      this.expected = undefined;
      this.operator = undefined;
    } else {
      this.actual = actual;
      this.expected = expected;
      this.operator = operator;
    }
    Error.captureStackTrace(this, stackStartFn || this.constructor);
    this.stack; // eslint-disable-line no-unused-expressions
    this.name = 'AssertionError';
  }
  toString() {
    return `${this.name} [${this.code}]: ${this.message}`;
  }
  [inspect.custom](recurseTimes, ctx) {
    return inspect(this, { ...ctx, customInspect: false, depth: 0 });
  }
}

function innerFail(obj) {
  if (obj.message instanceof Error) throw obj.message;
  throw new AssertionError(obj);
}

// The source of the call that failed, for "The expression evaluated to a falsy value".
function callSiteSource(fn) {
  const original = Error.prepareStackTrace;
  let site;
  try {
    Error.prepareStackTrace = (_, stack) => stack;
    const holder = {};
    Error.captureStackTrace(holder, fn);
    site = holder.stack[0];
  } finally {
    Error.prepareStackTrace = original;
  }
  if (!site) return undefined;
  const file = site.getFileName();
  const line = site.getLineNumber();
  const column = site.getColumnNumber();
  if (!file || !file.startsWith('/') || !line) return undefined;
  try {
    const source = require('fs').readFileSync(file, 'utf8').split('\n');
    let text = source[line - 1].slice(column - 1);
    let depth = 0;
    let end = -1;
    let lineIndex = line - 1;
    let collected = '';
    for (;;) {
      for (let i = 0; i < text.length; i++) {
        if (text[i] === '(') depth++;
        else if (text[i] === ')' && --depth === 0) {
          end = i;
          break;
        }
      }
      if (end !== -1) {
        collected += text.slice(0, end + 1);
        break;
      }
      collected += `${text}\n`;
      lineIndex++;
      if (lineIndex >= source.length || lineIndex > line + 20) return undefined;
      text = source[lineIndex];
    }
    return collected;
  } catch {
    return undefined;
  }
}

function innerOk(fn, argLen, value, message) {
  if (value) return;
  let generatedMessage = false;
  if (argLen === 0) {
    generatedMessage = true;
    message = 'No value argument passed to `assert.ok()`';
  } else if (message == null) {
    generatedMessage = true;
    const source = callSiteSource(fn);
    message = source ? `The expression evaluated to a falsy value:\n\n  ${source.replace(/\n/g, '\n  ')}\n`
      : 'The expression evaluated to a falsy value';
  } else if (message instanceof Error) {
    throw message;
  }
  const err = new AssertionError({ actual: value, expected: true, message, operator: '==', stackStartFn: fn });
  err.generatedMessage = generatedMessage;
  throw err;
}

function ok(...args) {
  innerOk(ok, args.length, ...args);
}

const assert = function assert(...args) {
  innerOk(assert, args.length, ...args);
};
assert.ok = ok;
assert.AssertionError = AssertionError;

assert.fail = function fail(actual, expected, message, operator, stackStartFn) {
  const argsLen = arguments.length;
  let internalMessage = false;
  if (actual == null && argsLen <= 1) {
    internalMessage = true;
    message = 'Failed';
  } else if (argsLen === 1) {
    message = actual;
    actual = undefined;
  } else if (argsLen === 2) {
    operator = '!=';
  }
  if (message instanceof Error) throw message;
  const err = new AssertionError({ actual, expected, operator: operator === undefined ? 'fail' : operator, stackStartFn: stackStartFn || fail, message });
  if (internalMessage) err.generatedMessage = true;
  throw err;
};

assert.equal = function equal(actual, expected, message) {
  // eslint-disable-next-line eqeqeq
  if (actual != expected && (!Number.isNaN(actual) || !Number.isNaN(expected))) {
    innerFail({ actual, expected, message, operator: '==', stackStartFn: equal });
  }
};
assert.notEqual = function notEqual(actual, expected, message) {
  // eslint-disable-next-line eqeqeq
  if (actual == expected || (Number.isNaN(actual) && Number.isNaN(expected))) {
    innerFail({ actual, expected, message, operator: '!=', stackStartFn: notEqual });
  }
};
assert.deepEqual = function deepEqual(actual, expected, message) {
  if (!isDeepEqual(actual, expected)) innerFail({ actual, expected, message, operator: 'deepEqual', stackStartFn: deepEqual });
};
assert.notDeepEqual = function notDeepEqual(actual, expected, message) {
  if (isDeepEqual(actual, expected)) innerFail({ actual, expected, message, operator: 'notDeepEqual', stackStartFn: notDeepEqual });
};
assert.deepStrictEqual = function deepStrictEqual(actual, expected, message) {
  if (!isDeepStrictEqual(actual, expected)) innerFail({ actual, expected, message, operator: 'deepStrictEqual', stackStartFn: deepStrictEqual });
};
assert.notDeepStrictEqual = function notDeepStrictEqual(actual, expected, message) {
  if (isDeepStrictEqual(actual, expected)) innerFail({ actual, expected, message, operator: 'notDeepStrictEqual', stackStartFn: notDeepStrictEqual });
};
assert.strictEqual = function strictEqual(actual, expected, message) {
  if (!Object.is(actual, expected)) innerFail({ actual, expected, message, operator: 'strictEqual', stackStartFn: strictEqual });
};
assert.notStrictEqual = function notStrictEqual(actual, expected, message) {
  if (Object.is(actual, expected)) innerFail({ actual, expected, message, operator: 'notStrictEqual', stackStartFn: notStrictEqual });
};

function checkError(actual, expected, message, fn) {
  if (expected === undefined) return;
  if (typeof expected === 'function') {
    if (expected.prototype !== undefined && actual instanceof expected) return;
    if (Error.isPrototypeOf(expected)) throw actual;
    const result = expected.call({}, actual);
    if (result !== true) {
      throw new AssertionError({ actual, expected, message: message || `The ${fn.name === 'rejects' ? 'rejection' : 'error'} validation function is expected to return "true". Received ${inspect(result)}`, operator: fn.name, stackStartFn: fn });
    }
    return;
  }
  if (expected instanceof RegExp) {
    if (expected.test(String(actual))) return;
    throw new AssertionError({ actual, expected, message: message || `The input did not match the regular expression ${inspect(expected)}. Input:\n\n${inspect(String(actual))}\n`, operator: fn.name, stackStartFn: fn });
  }
  if (typeof expected === 'object' && expected !== null) {
    const keys = Object.keys(expected);
    if (expected instanceof Error) keys.push('name', 'message');
    for (const key of keys) {
      const a = actual == null ? undefined : actual[key];
      const e = expected[key];
      if (e instanceof RegExp && typeof a === 'string' ? e.test(a) : isDeepStrictEqual(a, e)) continue;
      throw new AssertionError({ actual, expected, message: message || `Expected values to be strictly deep-equal:\n${diff({ [key]: a }, { [key]: e })}\n`, operator: fn.name, stackStartFn: fn });
    }
  }
}

const NO_EXCEPTION = Symbol('no exception');

function getActual(fn) {
  if (typeof fn !== 'function') throw new codes.ERR_INVALID_ARG_TYPE('fn', 'Function', fn);
  try {
    fn();
  } catch (e) {
    return e;
  }
  return NO_EXCEPTION;
}

assert.throws = function throws(fn, expected, message) {
  if (typeof expected === 'string') {
    message = expected;
    expected = undefined;
  }
  const actual = getActual(fn);
  if (actual === NO_EXCEPTION) {
    let details = '';
    if (expected && expected.name) details += ` (${expected.name})`;
    details += message ? `: ${message}` : '.';
    innerFail({ actual: undefined, expected, operator: 'throws', message: `Missing expected exception${details}`, stackStartFn: throws });
  }
  checkError(actual, expected, message, throws);
};

assert.doesNotThrow = function doesNotThrow(fn, expected, message) {
  const actual = getActual(fn);
  if (actual === NO_EXCEPTION) return;
  if (typeof expected === 'string') message = expected;
  innerFail({ actual, expected, operator: 'doesNotThrow', message: `Got unwanted exception${message ? `: ${message}` : '.'}\nActual message: "${actual && actual.message}"`, stackStartFn: doesNotThrow });
};

async function waitForActual(promiseFn) {
  let resultPromise;
  if (typeof promiseFn === 'function') resultPromise = promiseFn();
  else resultPromise = promiseFn;
  try {
    await resultPromise;
  } catch (e) {
    return e;
  }
  return NO_EXCEPTION;
}

assert.rejects = async function rejects(promiseFn, expected, message) {
  if (typeof expected === 'string') {
    message = expected;
    expected = undefined;
  }
  const actual = await waitForActual(promiseFn);
  if (actual === NO_EXCEPTION) {
    innerFail({ actual: undefined, expected, operator: 'rejects', message: `Missing expected rejection${expected && expected.name ? ` (${expected.name})` : ''}${message ? `: ${message}` : '.'}`, stackStartFn: rejects });
  }
  checkError(actual, expected, message, rejects);
};

assert.doesNotReject = async function doesNotReject(promiseFn, expected, message) {
  const actual = await waitForActual(promiseFn);
  if (actual === NO_EXCEPTION) return;
  innerFail({ actual, expected, operator: 'doesNotReject', message: `Got unwanted rejection.\nActual message: "${actual && actual.message}"`, stackStartFn: doesNotReject });
};

assert.ifError = function ifError(err) {
  if (err !== null && err !== undefined) {
    let message = 'ifError got unwanted exception: ';
    message += typeof err === 'object' && typeof err.message === 'string' ? (err.message.length === 0 && err.constructor ? err.constructor.name : err.message) : inspect(err);
    const newErr = new AssertionError({ actual: err, expected: null, operator: 'ifError', message, stackStartFn: ifError });
    throw newErr;
  }
};

function internalMatch(string, regexp, message, fn) {
  if (!(regexp instanceof RegExp)) throw new codes.ERR_INVALID_ARG_TYPE('regexp', 'RegExp', regexp);
  const match = fn === assert.match;
  if (typeof string !== 'string' || regexp.test(string) !== match) {
    if (message instanceof Error) throw message;
    const generatedMessage = !message;
    message = message || (typeof string !== 'string'
      ? `The "string" argument must be of type string. Received type ${typeof string} (${inspect(string)})`
      : (match ? 'The input did not match the regular expression ' : 'The input was expected to not match the regular expression ') +
        `${inspect(regexp)}. Input:\n\n${inspect(string)}\n`);
    const err = new AssertionError({ actual: string, expected: regexp, message, operator: fn.name, stackStartFn: fn });
    err.generatedMessage = generatedMessage;
    throw err;
  }
}
assert.match = function match(string, regexp, message) {
  internalMatch(string, regexp, message, match);
};
assert.doesNotMatch = function doesNotMatch(string, regexp, message) {
  internalMatch(string, regexp, message, doesNotMatch);
};

function strict(...args) {
  innerOk(strict, args.length, ...args);
}
assert.strict = Object.assign(strict, assert, {
  equal: assert.strictEqual,
  deepEqual: assert.deepStrictEqual,
  notEqual: assert.notStrictEqual,
  notDeepEqual: assert.notDeepStrictEqual,
});
assert.strict.strict = assert.strict;

module.exports = assert;
