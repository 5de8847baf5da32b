'use strict';
// node:crypto, in part: createHash, createHmac, randomBytes, randomFillSync, randomInt,
// randomUUID, getRandomValues, timingSafeEqual and getHashes. Ciphers, keys and the rest
// of WebCrypto are not provided; they throw ERR_METHOD_NOT_IMPLEMENTED.

const binding = internalBinding('crypto');
const { codes, validateString, validateNumber, validateFunction } = require('internal/errors');

function toBytes(data, encoding) {
  if (typeof data === 'string') return Buffer.from(data, encoding);
  if (ArrayBuffer.isView(data)) return new Uint8Array(data.buffer, data.byteOffset, data.byteLength);
  if (data instanceof ArrayBuffer) return new Uint8Array(data);
  throw new codes.ERR_INVALID_ARG_TYPE('data', ['string', 'Buffer', 'TypedArray', 'DataView'], data);
}

function normalizeAlgorithm(algorithm) {
  const name = String(algorithm).toLowerCase();
  return name === 'rsa-sha256' ? 'sha256' : name.replace(/^sha-/, 'sha');
}

class Hash {
  #algorithm;
  #key;
  #chunks = [];
  #done = false;
  constructor(algorithm, key) {
    validateString(algorithm, 'algorithm');
    this.#algorithm = normalizeAlgorithm(algorithm);
    this.#key = key;
    if (!binding.hashNames().includes(this.#algorithm)) {
      const error = new Error('Digest method not supported');
      error.code = 'ERR_OSSL_EVP_UNSUPPORTED';
      throw error;
    }
  }
  update(data, encoding) {
    if (this.#done) {
      const error = new Error('Digest already called');
      error.code = 'ERR_CRYPTO_HASH_FINALIZED';
      throw error;
    }
    this.#chunks.push(Buffer.from(toBytes(data, encoding)));
    return this;
  }
  digest(encoding) {
    if (this.#done) {
      const error = new Error('Digest already called');
      error.code = 'ERR_CRYPTO_HASH_FINALIZED';
      throw error;
    }
    this.#done = true;
    const data = Buffer.concat(this.#chunks);
    const result = Buffer.from(binding.digest(this.#algorithm, data, this.#key));
    return encoding === undefined || encoding === 'buffer' ? result : result.toString(encoding);
  }
  copy() {
    const copy = new Hash(this.#algorithm, this.#key);
    for (const chunk of this.#chunks) copy.update(chunk);
    return copy;
  }
}

function createHash(algorithm) {
  return new Hash(algorithm);
}

function createHmac(algorithm, key) {
  return new Hash(algorithm, Buffer.from(toBytes(key)));
}

function hash(algorithm, data, outputEncoding = 'hex') {
  return createHash(algorithm).update(data).digest(outputEncoding);
}

function randomFillSync(buffer, offset = 0, size) {
  if (!ArrayBuffer.isView(buffer) && !(buffer instanceof ArrayBuffer)) {
    throw new codes.ERR_INVALID_ARG_TYPE('buf', ['ArrayBuffer', 'ArrayBufferView'], buffer);
  }
  const bytes = buffer instanceof ArrayBuffer ? new Uint8Array(buffer) : new Uint8Array(buffer.buffer, buffer.byteOffset, buffer.byteLength);
  const end = size === undefined ? bytes.length : offset + size;
  binding.randomFill(bytes.subarray(offset, end));
  return buffer;
}

function randomBytes(size, callback) {
  validateNumber(size, 'size', 0, 2 ** 31 - 1);
  const buffer = Buffer.alloc(size);
  binding.randomFill(buffer);
  if (callback !== undefined) {
    validateFunction(callback, 'callback');
    process.nextTick(callback, null, buffer);
    return undefined;
  }
  return buffer;
}

function randomFill(buffer, offset, size, callback) {
  if (typeof offset === 'function') {
    callback = offset;
    offset = 0;
    size = undefined;
  } else if (typeof size === 'function') {
    callback = size;
    size = undefined;
  }
  randomFillSync(buffer, offset, size);
  process.nextTick(callback, null, buffer);
}

function randomInt(min, max, callback) {
  if (max === undefined || typeof max === 'function') {
    callback = max;
    max = min;
    min = 0;
  }
  if (!Number.isSafeInteger(min)) throw new codes.ERR_INVALID_ARG_TYPE('min', 'a safe integer', min);
  if (!Number.isSafeInteger(max)) throw new codes.ERR_INVALID_ARG_TYPE('max', 'a safe integer', max);
  if (max <= min) throw new codes.ERR_OUT_OF_RANGE('max', `greater than the value of "min" (${min})`, max);
  const range = max - min;
  const bytes = new Uint8Array(6);
  const limit = 2 ** 48 - (2 ** 48 % range);
  let value;
  do {
    binding.randomFill(bytes);
    value = bytes.reduce((acc, byte) => acc * 256 + byte, 0);
  } while (value >= limit);
  const result = min + (value % range);
  if (typeof callback === 'function') {
    process.nextTick(callback, null, result);
    return undefined;
  }
  return result;
}

function randomUUID() {
  const bytes = new Uint8Array(16);
  binding.randomFill(bytes);
  bytes[6] = (bytes[6] & 0x0f) | 0x40;
  bytes[8] = (bytes[8] & 0x3f) | 0x80;
  const hex = Buffer.from(bytes).toString('hex');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
}

function getRandomValues(array) {
  if (!ArrayBuffer.isView(array) || array instanceof Float32Array || array instanceof Float64Array || array instanceof DataView) {
    const { DOMException } = require('internal/event_target');
    throw new DOMException('The data argument must be an integer-type TypedArray', 'TypeMismatchError');
  }
  if (array.byteLength > 65536) {
    const { DOMException } = require('internal/event_target');
    throw new DOMException(`The ArrayBufferView's byte length (${array.byteLength}) exceeds the number of bytes of entropy available via this API (65536)`, 'QuotaExceededError');
  }
  binding.randomFill(new Uint8Array(array.buffer, array.byteOffset, array.byteLength));
  return array;
}

function timingSafeEqual(a, b) {
  const x = toBytes(a);
  const y = toBytes(b);
  if (x.byteLength !== y.byteLength) {
    const error = new RangeError('Input buffers must have the same byte length');
    error.code = 'ERR_CRYPTO_TIMING_SAFE_EQUAL_LENGTH';
    throw error;
  }
  let diff = 0;
  for (let i = 0; i < x.length; i++) diff |= x[i] ^ y[i];
  return diff === 0;
}

function notImplemented(name) {
  return () => {
    throw new codes.ERR_METHOD_NOT_IMPLEMENTED(`crypto.${name}`);
  };
}

const webcrypto = {
  getRandomValues,
  randomUUID,
  get subtle() {
    throw new codes.ERR_METHOD_NOT_IMPLEMENTED('crypto.subtle');
  },
};
Object.defineProperty(webcrypto, Symbol.toStringTag, { value: 'Crypto', configurable: true });

module.exports = {
  createHash,
  createHmac,
  hash,
  getHashes: () => binding.hashNames(),
  randomBytes,
  pseudoRandomBytes: randomBytes,
  randomFillSync,
  randomFill,
  randomInt,
  randomUUID,
  getRandomValues,
  timingSafeEqual,
  webcrypto,
  constants: {},
  createCipheriv: notImplemented('createCipheriv'),
  createDecipheriv: notImplemented('createDecipheriv'),
  createSign: notImplemented('createSign'),
  createVerify: notImplemented('createVerify'),
  generateKeyPairSync: notImplemented('generateKeyPairSync'),
  pbkdf2Sync: notImplemented('pbkdf2Sync'),
  scryptSync: notImplemented('scryptSync'),
};
