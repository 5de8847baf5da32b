'use strict';
// TextEncoder and TextDecoder (WHATWG Encoding): UTF-8 both ways, and decoding of
// UTF-16LE and Latin-1 (windows-1252 is approximated by Latin-1), with fatal and
// ignoreBOM options and streaming decodes that keep incomplete sequences.

const encoding = internalBinding('encoding');
const { codes } = require('internal/errors');
const customInspect = Symbol.for('nodejs.util.inspect.custom');

class TextEncoder {
  get encoding() {
    return 'utf-8';
  }
  encode(input = '') {
    return encoding.encodeUtf8(`${input}`);
  }
  encodeInto(src, dest) {
    const [read, written] = encoding.encodeInto(`${src}`, dest);
    return { read, written };
  }
  [customInspect](depth, opts, inspect) {
    return `TextEncoder ${inspect({ encoding: 'utf-8' }, opts)}`;
  }
}
Object.defineProperty(TextEncoder.prototype, Symbol.toStringTag, { value: 'TextEncoder', configurable: true });

const labels = new Map([
  ['unicode-1-1-utf-8', 'utf-8'], ['utf8', 'utf-8'], ['utf-8', 'utf-8'], ['unicode11utf8', 'utf-8'],
  ['unicode20utf8', 'utf-8'], ['x-unicode20utf8', 'utf-8'],
  ['utf-16le', 'utf-16le'], ['utf-16', 'utf-16le'], ['ucs-2', 'utf-16le'], ['unicode', 'utf-16le'],
  ['csunicode', 'utf-16le'], ['iso-10646-ucs-2', 'utf-16le'], ['unicodefeff', 'utf-16le'],
  ['latin1', 'windows-1252'], ['iso-8859-1', 'windows-1252'], ['ascii', 'windows-1252'], ['us-ascii', 'windows-1252'],
  ['windows-1252', 'windows-1252'], ['cp1252', 'windows-1252'], ['l1', 'windows-1252'], ['iso8859-1', 'windows-1252'],
  ['x-cp1252', 'windows-1252'], ['ansi_x3.4-1968', 'windows-1252'], ['cp819', 'windows-1252'],
]);

function toView(input) {
  if (input === undefined) return new Uint8Array(0);
  if (input instanceof ArrayBuffer || (typeof SharedArrayBuffer !== 'undefined' && input instanceof SharedArrayBuffer)) {
    return new Uint8Array(input);
  }
  if (ArrayBuffer.isView(input)) return new Uint8Array(input.buffer, input.byteOffset, input.byteLength);
  throw new codes.ERR_INVALID_ARG_TYPE('input', ['ArrayBuffer', 'ArrayBufferView'], input);
}

class TextDecoder {
  #encoding;
  #fatal;
  #ignoreBOM;
  #pending = null;
  #bomSeen = false;

  constructor(label = 'utf-8', options = {}) {
    const name = labels.get(`${label}`.trim().toLowerCase());
    if (name === undefined) throw new codes.ERR_ENCODING_NOT_SUPPORTED(label);
    this.#encoding = name;
    this.#fatal = !!(options && options.fatal);
    this.#ignoreBOM = !!(options && options.ignoreBOM);
  }
  get encoding() { return this.#encoding; }
  get fatal() { return this.#fatal; }
  get ignoreBOM() { return this.#ignoreBOM; }

  decode(input = undefined, options = {}) {
    let bytes = toView(input);
    const stream = !!(options && options.stream);
    if (this.#pending) {
      const joined = new Uint8Array(this.#pending.length + bytes.length);
      joined.set(this.#pending);
      joined.set(bytes, this.#pending.length);
      bytes = joined;
      this.#pending = null;
    }
    if (stream) {
      const tail = this.#incompleteTail(bytes);
      if (tail) {
        this.#pending = bytes.slice(bytes.length - tail);
        bytes = bytes.subarray(0, bytes.length - tail);
      }
    }
    let text;
    if (this.#encoding === 'utf-8') {
      if (!this.#ignoreBOM && !this.#bomSeen && bytes.length >= 3 && bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf) {
        bytes = bytes.subarray(3);
      }
      try {
        text = encoding.decodeUtf8(bytes, 0, bytes.length, this.#fatal);
      } catch {
        throw new codes.ERR_ENCODING_INVALID_ENCODED_DATA('utf-8');
      }
    } else if (this.#encoding === 'utf-16le') {
      if (!this.#ignoreBOM && !this.#bomSeen && bytes.length >= 2 && bytes[0] === 0xff && bytes[1] === 0xfe) {
        bytes = bytes.subarray(2);
      }
      text = encoding.decodeUtf16le(bytes, 0, bytes.length);
    } else {
      text = encoding.decodeLatin1(bytes, 0, bytes.length, false);
    }
    if (bytes.length) this.#bomSeen = stream;
    if (!stream) this.#bomSeen = false;
    return text;
  }

  #incompleteTail(bytes) {
    if (this.#encoding === 'utf-16le') return bytes.length % 2;
    if (this.#encoding !== 'utf-8') return 0;
    for (let back = 1; back <= Math.min(3, bytes.length); back++) {
      const byte = bytes[bytes.length - back];
      if ((byte & 0xc0) === 0x80) continue;
      let need = 0;
      if ((byte & 0xe0) === 0xc0) need = 2;
      else if ((byte & 0xf0) === 0xe0) need = 3;
      else if ((byte & 0xf8) === 0xf0) need = 4;
      return need > back ? back : 0;
    }
    return 0;
  }

  [customInspect](depth, opts, inspect) {
    return `TextDecoder ${inspect({ encoding: this.#encoding, fatal: this.#fatal, ignoreBOM: this.#ignoreBOM }, opts)}`;
  }
}
Object.defineProperty(TextDecoder.prototype, Symbol.toStringTag, { value: 'TextDecoder', configurable: true });

module.exports = { TextEncoder, TextDecoder };
