'use strict';
// node:buffer: Buffer as a Uint8Array subclass with Node's API (from, alloc, concat,
// byteLength, toString/write in utf8, hex, base64, base64url, latin1, ascii, utf16le,
// the read/write integer and float methods, compare, indexOf, fill, copy, equals,
// toJSON) and the atob/btoa globals. Conversions run in internalBinding('encoding').

const encoding = internalBinding('encoding');
const { codes, validateNumber } = require('internal/errors');

const kMaxLength = 2 ** 32;
const kStringMaxLength = 2 ** 29 - 24;

class FastBuffer extends Uint8Array {
  constructor(bufferOrLength, byteOffset, length) {
    super(bufferOrLength, byteOffset, length);
  }
}

function normalizeEncoding(enc) {
  if (enc == null || enc === 'utf8' || enc === 'utf-8') return 'utf8';
  switch (String(enc).toLowerCase()) {
    case 'utf8':
    case 'utf-8':
      return 'utf8';
    case 'ucs2':
    case 'ucs-2':
    case 'utf16le':
    case 'utf-16le':
      return 'utf16le';
    case 'latin1':
    case 'binary':
      return 'latin1';
    case 'base64':
      return 'base64';
    case 'base64url':
      return 'base64url';
    case 'hex':
      return 'hex';
    case 'ascii':
      return 'ascii';
    default:
      return undefined;
  }
}

function toBytes(string, enc) {
  switch (enc) {
    case 'utf8':
      return encoding.encodeUtf8(string);
    case 'utf16le':
      return encoding.encodeUtf16le(string);
    case 'latin1':
    case 'ascii':
      return encoding.encodeLatin1(string);
    case 'base64':
    case 'base64url':
      return encoding.decodeBase64(string);
    case 'hex':
      return encoding.decodeHex(string);
    default:
      throw new codes.ERR_UNKNOWN_ENCODING(enc);
  }
}

function fromBytes(bytes) {
  return new FastBuffer(bytes.buffer, bytes.byteOffset, bytes.byteLength);
}

function Buffer(arg, encodingOrOffset, length) {
  if (typeof arg === 'number') {
    if (typeof encodingOrOffset === 'string') throw new codes.ERR_INVALID_ARG_TYPE('string', 'string', arg);
    return Buffer.alloc(arg);
  }
  return Buffer.from(arg, encodingOrOffset, length);
}
Object.setPrototypeOf(Buffer, Uint8Array);
Buffer.prototype = FastBuffer.prototype;
Object.defineProperty(Buffer.prototype, 'constructor', { value: Buffer, writable: true, configurable: true });
Buffer.poolSize = 8 * 1024;

Buffer.from = function from(value, encodingOrOffset, length) {
  if (typeof value === 'string') {
    const enc = normalizeEncoding(encodingOrOffset);
    if (enc === undefined) throw new codes.ERR_UNKNOWN_ENCODING(encodingOrOffset);
    return fromBytes(toBytes(value, enc));
  }
  if (typeof value === 'object' && value !== null) {
    if (value instanceof ArrayBuffer || (typeof SharedArrayBuffer !== 'undefined' && value instanceof SharedArrayBuffer)) {
      const offset = encodingOrOffset === undefined ? 0 : +encodingOrOffset || 0;
      const maxLength = value.byteLength - offset;
      if (maxLength < 0) throw new codes.ERR_BUFFER_OUT_OF_BOUNDS('offset');
      const len = length === undefined ? maxLength : +length || 0;
      if (len > maxLength) throw new codes.ERR_BUFFER_OUT_OF_BOUNDS('length');
      return new FastBuffer(value, offset, len);
    }
    if (ArrayBuffer.isView(value)) {
      if (value instanceof Uint8Array) {
        const copy = new FastBuffer(value.length);
        copy.set(value);
        return copy;
      }
      const copy = new FastBuffer(value.byteLength);
      copy.set(new Uint8Array(value.buffer, value.byteOffset, value.byteLength));
      return copy;
    }
    const primitive = value.valueOf && value.valueOf();
    if (primitive != null && primitive !== value) return Buffer.from(primitive, encodingOrOffset, length);
    if (typeof value.length === 'number' || Array.isArray(value)) {
      const copy = new FastBuffer(value.length >>> 0);
      for (let i = 0; i < copy.length; i++) copy[i] = value[i];
      return copy;
    }
    if (value.type === 'Buffer' && Array.isArray(value.data)) return Buffer.from(value.data);
    if (typeof value[Symbol.toPrimitive] === 'function') {
      const prim = value[Symbol.toPrimitive]('string');
      if (typeof prim === 'string') return Buffer.from(prim, encodingOrOffset);
    }
  }
  throw new codes.ERR_INVALID_ARG_TYPE('first argument',
    ['string', 'Buffer', 'ArrayBuffer', 'Array', 'Array-like Object'], value);
};

function validateSize(size) {
  validateNumber(size, 'size', 0, kMaxLength);
}

Buffer.alloc = function alloc(size, fill, enc) {
  validateSize(size);
  const buffer = new FastBuffer(size);
  if (fill !== undefined && fill !== 0 && size > 0) buffer.fill(fill, 0, size, enc);
  return buffer;
};
Buffer.allocUnsafe = function allocUnsafe(size) {
  validateSize(size);
  return new FastBuffer(size);
};
Buffer.allocUnsafeSlow = Buffer.allocUnsafe;

Buffer.isBuffer = function isBuffer(value) {
  return value instanceof Buffer;
};

Buffer.isEncoding = function isEncoding(enc) {
  return typeof enc === 'string' && enc.length !== 0 && normalizeEncoding(enc) !== undefined;
};

Buffer.byteLength = function byteLength(string, enc) {
  if (typeof string !== 'string') {
    if (ArrayBuffer.isView(string) || string instanceof ArrayBuffer) return string.byteLength;
    throw new codes.ERR_INVALID_ARG_TYPE('string', ['string', 'Buffer', 'ArrayBuffer'], string);
  }
  const normalized = normalizeEncoding(enc) || 'utf8';
  switch (normalized) {
    case 'utf8':
      return encoding.utf8Length(string);
    case 'utf16le':
      return string.length * 2;
    case 'latin1':
    case 'ascii':
      return string.length;
    case 'hex':
      return string.length >>> 1;
    default:
      return encoding.decodeBase64(string).length;
  }
};

Buffer.concat = function concat(list, length) {
  if (!Array.isArray(list)) throw new codes.ERR_INVALID_ARG_TYPE('list', 'Array', list);
  if (list.length === 0) return new FastBuffer();
  if (length === undefined) {
    length = 0;
    for (const item of list) {
      if (!(item instanceof Uint8Array)) throw new codes.ERR_INVALID_ARG_TYPE('list[0]', ['Buffer', 'Uint8Array'], item);
      length += item.length;
    }
  } else {
    validateNumber(length, 'length', 0);
  }
  const buffer = Buffer.allocUnsafe(length);
  let pos = 0;
  for (const item of list) {
    if (!(item instanceof Uint8Array)) throw new codes.ERR_INVALID_ARG_TYPE('list', ['Buffer', 'Uint8Array'], item);
    if (pos + item.length > length) {
      buffer.set(item.subarray(0, length - pos), pos);
      pos = length;
      break;
    }
    buffer.set(item, pos);
    pos += item.length;
  }
  if (pos < length) buffer.fill(0, pos, length);
  return buffer;
};

function compareBytes(a, b) {
  const len = Math.min(a.length, b.length);
  for (let i = 0; i < len; i++) {
    if (a[i] !== b[i]) return a[i] < b[i] ? -1 : 1;
  }
  return a.length < b.length ? -1 : a.length > b.length ? 1 : 0;
}

Buffer.compare = function compare(a, b) {
  if (!(a instanceof Uint8Array)) throw new codes.ERR_INVALID_ARG_TYPE('buf1', ['Buffer', 'Uint8Array'], a);
  if (!(b instanceof Uint8Array)) throw new codes.ERR_INVALID_ARG_TYPE('buf2', ['Buffer', 'Uint8Array'], b);
  return compareBytes(a, b);
};

Buffer.of = function of(...items) {
  return Buffer.from(items);
};

const proto = Buffer.prototype;

function decodeRange(buf, enc, start, end) {
  switch (enc) {
    case 'utf8':
      return encoding.decodeUtf8(buf, start, end, false);
    case 'latin1':
      return encoding.decodeLatin1(buf, start, end, false);
    case 'ascii':
      return encoding.decodeLatin1(buf, start, end, true);
    case 'utf16le':
      return encoding.decodeUtf16le(buf, start, end);
    case 'base64':
      return encoding.encodeBase64(buf, start, end, false);
    case 'base64url':
      return encoding.encodeBase64(buf, start, end, true);
    case 'hex':
      return encoding.encodeHex(buf, start, end);
    default:
      throw new codes.ERR_UNKNOWN_ENCODING(enc);
  }
}

proto.toString = function toString(enc, start, end) {
  if (arguments.length === 0) return encoding.decodeUtf8(this, 0, this.length, false);
  const len = this.length;
  if (start <= 0 || start === undefined) start = 0;
  else if (start >= len) return '';
  else start |= 0;
  if (end === undefined || end > len) end = len;
  else end |= 0;
  if (end <= start) return '';
  if (enc === undefined) return encoding.decodeUtf8(this, start, end, false);
  const normalized = normalizeEncoding(enc);
  if (normalized === undefined) throw new codes.ERR_UNKNOWN_ENCODING(enc);
  return decodeRange(this, normalized, start, end);
};

proto.toLocaleString = proto.toString;

proto.equals = function equals(other) {
  if (!(other instanceof Uint8Array)) throw new codes.ERR_INVALID_ARG_TYPE('otherBuffer', ['Buffer', 'Uint8Array'], other);
  if (this === other) return true;
  if (this.byteLength !== other.byteLength) return false;
  return compareBytes(this, other) === 0;
};

proto.compare = function compare(target, targetStart = 0, targetEnd = target.length, sourceStart = 0, sourceEnd = this.length) {
  if (!(target instanceof Uint8Array)) throw new codes.ERR_INVALID_ARG_TYPE('target', ['Buffer', 'Uint8Array'], target);
  return compareBytes(this.subarray(sourceStart, sourceEnd), target.subarray(targetStart, targetEnd));
};

proto.write = function write(string, offset, length, enc) {
  if (typeof offset === 'string') {
    enc = offset;
    offset = 0;
    length = this.length;
  } else if (typeof length === 'string') {
    enc = length;
    length = this.length - (offset || 0);
  }
  offset = offset === undefined ? 0 : offset >>> 0;
  const remaining = this.length - offset;
  if (length === undefined || length > remaining) length = remaining;
  const normalized = normalizeEncoding(enc);
  if (normalized === undefined) throw new codes.ERR_UNKNOWN_ENCODING(enc);
  if (normalized === 'utf8') {
    const [, written] = encoding.encodeInto(string, this.subarray(offset, offset + length));
    return written;
  }
  const bytes = toBytes(string, normalized);
  const count = Math.min(bytes.length, length);
  this.set(bytes.subarray(0, count), offset);
  return count;
};

proto.toJSON = function toJSON() {
  return { type: 'Buffer', data: Array.from(this) };
};

function adjustOffset(offset, length) {
  offset = Math.trunc(offset);
  if (offset === 0 || Number.isNaN(offset)) return 0;
  if (offset < 0) {
    offset += length;
    return offset > 0 ? offset : 0;
  }
  return offset < length ? offset : length;
}

proto.slice = function slice(start, end) {
  const len = this.length;
  start = start === undefined ? 0 : adjustOffset(start, len);
  end = end === undefined ? len : adjustOffset(end, len);
  const newLength = end > start ? end - start : 0;
  return new FastBuffer(this.buffer, this.byteOffset + start, newLength);
};
proto.subarray = proto.slice;

proto.copy = function copy(target, targetStart = 0, sourceStart = 0, sourceEnd = this.length) {
  if (targetStart < 0) throw new codes.ERR_OUT_OF_RANGE('targetStart', '>= 0', targetStart);
  if (sourceEnd > this.length) sourceEnd = this.length;
  if (targetStart >= target.length || sourceStart >= sourceEnd) return 0;
  const count = Math.min(sourceEnd - sourceStart, target.length - targetStart);
  target.set(new Uint8Array(this.buffer, this.byteOffset + sourceStart, count), targetStart);
  return count;
};

proto.fill = function fill(value, offset, end, enc) {
  if (typeof offset === 'string') {
    enc = offset;
    offset = 0;
    end = this.length;
  } else if (typeof end === 'string') {
    enc = end;
    end = this.length;
  }
  offset = offset === undefined ? 0 : offset;
  end = end === undefined ? this.length : end;
  if (offset < 0 || end > this.length) throw new codes.ERR_OUT_OF_RANGE('offset', `>= 0 && <= ${this.length}`, offset);
  if (typeof value === 'number') {
    Uint8Array.prototype.fill.call(this, value & 255, offset, end);
    return this;
  }
  if (typeof value === 'boolean') {
    Uint8Array.prototype.fill.call(this, +value, offset, end);
    return this;
  }
  let bytes;
  if (typeof value === 'string') {
    const normalized = normalizeEncoding(enc);
    if (normalized === undefined) throw new codes.ERR_UNKNOWN_ENCODING(enc);
    if (value.length === 1 && normalized === 'utf8' && value.charCodeAt(0) < 128) {
      Uint8Array.prototype.fill.call(this, value.charCodeAt(0), offset, end);
      return this;
    }
    bytes = toBytes(value, normalized);
  } else if (value instanceof Uint8Array) {
    bytes = value;
  } else {
    Uint8Array.prototype.fill.call(this, Number(value) & 255, offset, end);
    return this;
  }
  if (bytes.length === 0) {
    if (end > offset) throw new codes.ERR_INVALID_ARG_VALUE('value', value);
    return this;
  }
  for (let i = offset, j = 0; i < end; i++, j = (j + 1) % bytes.length) this[i] = bytes[j];
  return this;
};

function bytesOf(value, enc) {
  if (typeof value === 'string') return toBytes(value, normalizeEncoding(enc) || 'utf8');
  if (value instanceof Uint8Array) return value;
  if (typeof value === 'number') return Uint8Array.of(value & 255);
  throw new codes.ERR_INVALID_ARG_TYPE('value', ['number', 'string', 'Buffer', 'Uint8Array'], value);
}

function indexOf(buffer, value, byteOffset, enc, last) {
  if (typeof byteOffset === 'string') {
    enc = byteOffset;
    byteOffset = undefined;
  }
  const needle = bytesOf(value, enc);
  const len = buffer.length;
  let start;
  if (byteOffset === undefined || Number.isNaN(+byteOffset)) start = last ? len - needle.length : 0;
  else {
    start = Math.trunc(+byteOffset);
    if (start < 0) start += len;
  }
  if (needle.length === 0) return last ? Math.min(Math.max(start, 0), len) : Math.min(Math.max(start, 0), len);
  if (last) {
    for (let i = Math.min(start, len - needle.length); i >= 0; i--) {
      let j = 0;
      while (j < needle.length && buffer[i + j] === needle[j]) j++;
      if (j === needle.length) return i;
    }
    return -1;
  }
  for (let i = Math.max(start, 0); i <= len - needle.length; i++) {
    let j = 0;
    while (j < needle.length && buffer[i + j] === needle[j]) j++;
    if (j === needle.length) return i;
  }
  return -1;
}

proto.indexOf = function indexOf_(value, byteOffset, enc) {
  return indexOf(this, value, byteOffset, enc, false);
};
proto.lastIndexOf = function lastIndexOf(value, byteOffset, enc) {
  return indexOf(this, value, byteOffset, enc, true);
};
proto.includes = function includes(value, byteOffset, enc) {
  return indexOf(this, value, byteOffset, enc, false) !== -1;
};

function checkOffset(buf, offset, size) {
  if (offset === undefined) offset = 0;
  if (typeof offset !== 'number') throw new codes.ERR_INVALID_ARG_TYPE('offset', 'number', offset);
  if (!Number.isInteger(offset)) throw new codes.ERR_OUT_OF_RANGE('offset', 'an integer', offset);
  if (offset < 0 || offset + size > buf.length) {
    if (buf.length - size < 0) throw new codes.ERR_BUFFER_OUT_OF_BOUNDS();
    throw new codes.ERR_OUT_OF_RANGE('offset', `>= 0 and <= ${buf.length - size}`, offset);
  }
  return offset;
}

function view(buf) {
  return new DataView(buf.buffer, buf.byteOffset, buf.byteLength);
}

const accessors = [
  ['UInt8', 1, 'getUint8', 'setUint8'], ['Int8', 1, 'getInt8', 'setInt8'],
  ['UInt16', 2, 'getUint16', 'setUint16'], ['Int16', 2, 'getInt16', 'setInt16'],
  ['UInt32', 4, 'getUint32', 'setUint32'], ['Int32', 4, 'getInt32', 'setInt32'],
  ['Float', 4, 'getFloat32', 'setFloat32'], ['Double', 8, 'getFloat64', 'setFloat64'],
  ['BigUInt64', 8, 'getBigUint64', 'setBigUint64'], ['BigInt64', 8, 'getBigInt64', 'setBigInt64'],
];
for (const [name, size, getter, setter] of accessors) {
  const endings = size === 1 ? [''] : ['LE', 'BE'];
  for (const ending of endings) {
    const little = ending === 'LE';
    const read = function read(offset) {
      offset = checkOffset(this, offset, size);
      return view(this)[getter](offset, little);
    };
    const write = function write(value, offset) {
      offset = checkOffset(this, offset, size);
      view(this)[setter](offset, value, little);
      return offset + size;
    };
    proto[`read${name}${ending}`] = read;
    proto[`write${name}${ending}`] = write;
    if (name.startsWith('UInt') || name.startsWith('BigUInt')) {
      const alias = name.replace('UInt', 'Uint');
      proto[`read${alias}${ending}`] = read;
      proto[`write${alias}${ending}`] = write;
    }
  }
}

function readVariable(buf, offset, byteLength, little, signed) {
  offset = checkOffset(buf, offset, byteLength);
  let value = 0;
  for (let i = 0; i < byteLength; i++) {
    const byte = buf[offset + (little ? i : byteLength - 1 - i)];
    value += byte * 2 ** (8 * i);
  }
  if (signed && value >= 2 ** (8 * byteLength - 1)) value -= 2 ** (8 * byteLength);
  return value;
}
function writeVariable(buf, value, offset, byteLength, little) {
  offset = checkOffset(buf, offset, byteLength);
  let v = value < 0 ? value + 2 ** (8 * byteLength) : value;
  for (let i = 0; i < byteLength; i++) {
    buf[offset + (little ? i : byteLength - 1 - i)] = v % 256;
    v = Math.floor(v / 256);
  }
  return offset + byteLength;
}
proto.readUIntLE = proto.readUintLE = function readUIntLE(offset, byteLength) {
  return readVariable(this, offset, byteLength, true, false);
};
proto.readUIntBE = proto.readUintBE = function readUIntBE(offset, byteLength) {
  return readVariable(this, offset, byteLength, false, false);
};
proto.readIntLE = function readIntLE(offset, byteLength) {
  return readVariable(this, offset, byteLength, true, true);
};
proto.readIntBE = function readIntBE(offset, byteLength) {
  return readVariable(this, offset, byteLength, false, true);
};
proto.writeUIntLE = proto.writeUintLE = function writeUIntLE(value, offset, byteLength) {
  return writeVariable(this, value, offset, byteLength, true);
};
proto.writeUIntBE = proto.writeUintBE = function writeUIntBE(value, offset, byteLength) {
  return writeVariable(this, value, offset, byteLength, false);
};
proto.writeIntLE = function writeIntLE(value, offset, byteLength) {
  return writeVariable(this, value, offset, byteLength, true);
};
proto.writeIntBE = function writeIntBE(value, offset, byteLength) {
  return writeVariable(this, value, offset, byteLength, false);
};

function swap(buf, size) {
  if (buf.length % size !== 0) throw new codes.ERR_INVALID_BUFFER_SIZE(`multiple of ${size * 8}-bits`);
  for (let i = 0; i < buf.length; i += size) {
    for (let a = i, b = i + size - 1; a < b; a++, b--) {
      const t = buf[a];
      buf[a] = buf[b];
      buf[b] = t;
    }
  }
  return buf;
}
proto.swap16 = function swap16() {
  return swap(this, 2);
};
proto.swap32 = function swap32() {
  return swap(this, 4);
};
proto.swap64 = function swap64() {
  return swap(this, 8);
};

for (const enc of ['utf8', 'latin1', 'ascii', 'hex', 'base64', 'base64url', 'ucs2', 'utf16le']) {
  proto[`${enc}Slice`] = function slice(start = 0, end = this.length) {
    return this.toString(enc, start, end);
  };
  proto[`${enc}Write`] = function write(string, offset, length) {
    return this.write(string, offset, length, enc);
  };
}

const customInspect = Symbol.for('nodejs.util.inspect.custom');
proto[customInspect] = function inspect(recurseTimes, ctx) {
  const max = exports.INSPECT_MAX_BYTES;
  const actualMax = Math.min(max, this.length);
  const remaining = this.length - max;
  let str = this.hexSlice(0, actualMax).replace(/(.{2})/g, '$1 ').trim();
  if (remaining > 0) str += ` ... ${remaining} more byte${remaining > 1 ? 's' : ''}`;
  if (ctx) {
    const { inspect: inspectValue } = require('internal/inspect');
    const extras = [];
    for (const key of Object.keys(this)) {
      if (/^\d+$/.test(key)) continue;
      extras.push(`${key}: ${inspectValue(this[key], { ...ctx, breakLength: Infinity, compact: true })}`);
    }
    if (extras.length) {
      if (str.length) str += ', ';
      str += extras.join(', ');
    }
  }
  return `<${this.constructor.name} ${str}>`;
};

function btoa(input) {
  if (arguments.length === 0) throw new codes.ERR_MISSING_ARGS('input');
  input = `${input}`;
  for (let i = 0; i < input.length; i++) {
    if (input.charCodeAt(i) > 0xff) {
      const { DOMException } = require('internal/event_target');
      throw new DOMException('Invalid character', 'InvalidCharacterError');
    }
  }
  return encoding.encodeBase64(encoding.encodeLatin1(input), 0, input.length, false);
}

function atob(input) {
  if (arguments.length === 0) throw new codes.ERR_MISSING_ARGS('input');
  input = `${input}`.replace(/[\t\n\f\r ]/g, '');
  if (input.length % 4 === 0) input = input.replace(/==?$/, '');
  if (input.length % 4 === 1 || /[^A-Za-z0-9+/]/.test(input)) {
    const { DOMException } = require('internal/event_target');
    throw new DOMException('The string to be decoded is not correctly encoded.', 'InvalidCharacterError');
  }
  const bytes = encoding.decodeBase64(input);
  return encoding.decodeLatin1(bytes, 0, bytes.length, false);
}

function transcode() {
  throw new codes.ERR_METHOD_NOT_IMPLEMENTED('buffer.transcode()');
}

function SlowBuffer(size) {
  return Buffer.allocUnsafe(size);
}

exports.Buffer = Buffer;
exports.SlowBuffer = SlowBuffer;
exports.INSPECT_MAX_BYTES = 50;
exports.kMaxLength = kMaxLength;
exports.kStringMaxLength = kStringMaxLength;
exports.constants = { MAX_LENGTH: kMaxLength, MAX_STRING_LENGTH: kStringMaxLength };
exports.atob = atob;
exports.btoa = btoa;
exports.transcode = transcode;
exports.isUtf8 = (input) => {
  try {
    encoding.decodeUtf8(input, 0, input.byteLength, true);
    return true;
  } catch {
    return false;
  }
};
Object.defineProperty(exports, 'Blob', { enumerable: true, get: () => undefined });
