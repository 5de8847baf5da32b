'use strict';
// node:string_decoder: decodes a stream of bytes into text without splitting multi-byte
// characters across chunks (utf8, utf16le; base64 keeps incomplete groups).

const { Buffer } = require('buffer');
const { codes } = require('internal/errors');

function normalize(enc) {
  const e = (enc === undefined || enc === null ? 'utf8' : String(enc)).toLowerCase();
  switch (e) {
    case 'utf8': case 'utf-8': return 'utf8';
    case 'ucs2': case 'ucs-2': case 'utf16le': case 'utf-16le': return 'utf16le';
    case 'latin1': case 'binary': return 'latin1';
    case 'base64': case 'base64url': case 'hex': case 'ascii': return e;
    default:
      throw new codes.ERR_UNKNOWN_ENCODING(enc);
  }
}

class StringDecoder {
  constructor(encoding) {
    this.encoding = normalize(encoding);
    this.pending = Buffer.alloc(0);
  }

  // How many trailing bytes of `buf` start a character not yet complete.
  incompleteTail(buf) {
    if (this.encoding === 'utf8') {
      for (let back = 1; back <= Math.min(3, buf.length); back++) {
        const byte = buf[buf.length - back];
        if ((byte & 0xc0) === 0x80) continue;
        let need = 0;
        if ((byte & 0xe0) === 0xc0) need = 2;
        else if ((byte & 0xf0) === 0xe0) need = 3;
        else if ((byte & 0xf8) === 0xf0) need = 4;
        return need > back ? back : 0;
      }
      return 0;
    }
    if (this.encoding === 'utf16le') {
      let tail = buf.length % 2;
      if (tail === 0 && buf.length >= 2) {
        const unit = buf[buf.length - 2] | (buf[buf.length - 1] << 8);
        if (unit >= 0xd800 && unit <= 0xdbff) tail = 2;
      }
      return tail;
    }
    if (this.encoding === 'base64' || this.encoding === 'base64url') return buf.length % 3;
    return 0;
  }

  write(buf) {
    if (typeof buf === 'string') return buf;
    if (!(buf instanceof Uint8Array)) throw new codes.ERR_INVALID_ARG_TYPE('buf', ['Buffer', 'TypedArray', 'DataView'], buf);
    const all = this.pending.length ? Buffer.concat([this.pending, buf]) : Buffer.from(buf.buffer, buf.byteOffset, buf.byteLength);
    const tail = this.incompleteTail(all);
    this.pending = tail ? Buffer.from(all.subarray(all.length - tail)) : Buffer.alloc(0);
    return all.toString(this.encoding, 0, all.length - tail);
  }

  end(buf) {
    let out = buf ? this.write(buf) : '';
    if (this.pending.length) {
      out += this.pending.toString(this.encoding);
      this.pending = Buffer.alloc(0);
    }
    return out;
  }

  text(buf, offset) {
    return this.write(buf.subarray(offset));
  }

  get lastNeed() {
    return this.pending.length ? 1 : 0;
  }
}

module.exports = { StringDecoder };
