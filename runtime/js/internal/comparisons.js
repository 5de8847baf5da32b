'use strict';
// Deep equality as Node's assert.deepStrictEqual and assert.deepEqual define it:
// prototypes and own enumerable keys (and symbols, in strict mode), Maps and Sets
// without regard to order, typed arrays by content, dates, regexps, boxed primitives,
// errors by name and message, and cycles.

const { types } = internalBinding('util');

function isPrimitive(value) {
  return value === null || (typeof value !== 'object' && typeof value !== 'function');
}

function ownKeys(value, strict) {
  const keys = Object.keys(value);
  if (!strict) return keys;
  for (const symbol of Object.getOwnPropertySymbols(value)) {
    if (Object.prototype.propertyIsEnumerable.call(value, symbol)) keys.push(symbol);
  }
  return keys;
}

function innerEqual(a, b, strict, memos) {
  if (a === b) return a !== 0 || !strict || Object.is(a, b);
  if (strict) {
    if (typeof a !== 'object' || a === null || typeof b !== 'object' || b === null) {
      return typeof a === 'number' && typeof b === 'number' && Number.isNaN(a) && Number.isNaN(b);
    }
    if (Object.getPrototypeOf(a) !== Object.getPrototypeOf(b)) return false;
  } else {
    if (isPrimitive(a) || isPrimitive(b)) {
      // eslint-disable-next-line eqeqeq
      return a == b || (typeof a === 'number' && typeof b === 'number' && Number.isNaN(a) && Number.isNaN(b));
    }
  }
  const aTag = Object.prototype.toString.call(a);
  const bTag = Object.prototype.toString.call(b);
  if (aTag !== bTag) return false;
  if (Array.isArray(a) !== Array.isArray(b)) return false;
  if (Array.isArray(a) && a.length !== b.length) return false;
  if (types.isDate(a)) {
    if (!types.isDate(b) || a.getTime() !== b.getTime()) return false;
  } else if (types.isRegExp(a)) {
    if (!types.isRegExp(b) || a.source !== b.source || a.flags !== b.flags || a.lastIndex !== b.lastIndex) return false;
  } else if (types.isNativeError(a) || a instanceof Error) {
    if (a.message !== b.message || a.name !== b.name) return false;
  } else if (ArrayBuffer.isView(a)) {
    if (!ArrayBuffer.isView(b) || a.byteLength !== b.byteLength) return false;
    if (!types.isDataView(a) && !strict && (a instanceof Float32Array || a instanceof Float64Array)) {
      for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return false;
    } else {
      const x = new Uint8Array(a.buffer, a.byteOffset, a.byteLength);
      const y = new Uint8Array(b.buffer, b.byteOffset, b.byteLength);
      for (let i = 0; i < x.length; i++) if (x[i] !== y[i]) return false;
    }
  } else if (types.isBoxedPrimitive(a)) {
    if (!types.isBoxedPrimitive(b) || !Object.is(a.valueOf(), b.valueOf())) return false;
  } else if (types.isAnyArrayBuffer(a)) {
    if (a.byteLength !== b.byteLength) return false;
    const x = new Uint8Array(a);
    const y = new Uint8Array(b);
    for (let i = 0; i < x.length; i++) if (x[i] !== y[i]) return false;
  }
  const aKeys = ownKeys(a, strict);
  const bKeys = ownKeys(b, strict);
  if (aKeys.length !== bKeys.length) return false;
  for (const key of aKeys) {
    if (!Object.prototype.propertyIsEnumerable.call(b, key)) return false;
  }
  if (memos === undefined) memos = { a: new Map(), b: new Map(), position: 0 };
  else {
    const memoA = memos.a.get(a);
    if (memoA !== undefined) {
      const memoB = memos.b.get(b);
      if (memoB !== undefined) return memoA === memoB;
    }
    memos.position++;
  }
  memos.a.set(a, memos.position);
  memos.b.set(b, memos.position);
  const result = objectEqual(a, b, strict, aKeys, memos);
  memos.a.delete(a);
  memos.b.delete(b);
  return result;
}

function setHasEqual(set, value, strict, memos) {
  for (const item of set) {
    if (innerEqual(value, item, strict, memos)) return true;
  }
  return false;
}

function objectEqual(a, b, strict, keys, memos) {
  if (types.isSet(a)) {
    if (!types.isSet(b) || a.size !== b.size) return false;
    for (const value of a) {
      if (b.has(value)) continue;
      if (isPrimitive(value) && strict) return false;
      if (!setHasEqual(b, value, strict, memos)) return false;
    }
  } else if (types.isMap(a)) {
    if (!types.isMap(b) || a.size !== b.size) return false;
    for (const [key, value] of a) {
      if (b.has(key)) {
        if (!innerEqual(value, b.get(key), strict, memos)) return false;
        continue;
      }
      if (isPrimitive(key) && strict) return false;
      let found = false;
      for (const [otherKey, otherValue] of b) {
        if (innerEqual(key, otherKey, strict, memos) && innerEqual(value, otherValue, strict, memos)) {
          found = true;
          break;
        }
      }
      if (!found) return false;
    }
  }
  for (const key of keys) {
    if (!innerEqual(a[key], b[key], strict, memos)) return false;
  }
  return true;
}

module.exports = {
  isDeepEqual: (a, b) => innerEqual(a, b, false),
  isDeepStrictEqual: (a, b) => innerEqual(a, b, true),
};
