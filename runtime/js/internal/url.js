'use strict';
// WHATWG URL and URLSearchParams: the URL Standard's basic URL parser (all states,
// including setters' state overrides), host parsing (domains through UTS #46 in
// internalBinding('url'), IPv4 with hex/octal parts, IPv6 with compression), percent-
// encode sets, path normalisation with file: drive letters, and the serializer.

const urlBinding = internalBinding('url');
const { codes } = require('internal/errors');
const customInspect = Symbol.for('nodejs.util.inspect.custom');

const specialPorts = { 'ftp:': 21, 'file:': null, 'http:': 80, 'https:': 443, 'ws:': 80, 'wss:': 443 };
const isSpecialScheme = (scheme) => Object.prototype.hasOwnProperty.call(specialPorts, scheme);

const C0 = (c) => c <= 0x1f || c > 0x7e;
const inFragmentSet = (c) => C0(c) || c === 0x20 || c === 0x22 || c === 0x3c || c === 0x3e || c === 0x60;
const inQuerySet = (c) => C0(c) || c === 0x20 || c === 0x22 || c === 0x23 || c === 0x3c || c === 0x3e;
const inSpecialQuerySet = (c) => inQuerySet(c) || c === 0x27;
const inPathSet = (c) => inQuerySet(c) || c === 0x3f || c === 0x60 || c === 0x7b || c === 0x7d;
const inUserinfoSet = (c) => inPathSet(c) || c === 0x2f || c === 0x3a || c === 0x3b || c === 0x3d || c === 0x40 ||
  (c >= 0x5b && c <= 0x5e) || c === 0x7c;
const inComponentSet = (c) => inUserinfoSet(c) || (c >= 0x24 && c <= 0x26) || c === 0x2b || c === 0x2c;
const inFormSet = (c) => inComponentSet(c) || c === 0x21 || (c >= 0x27 && c <= 0x29) || c === 0x7e;

const encoder = internalBinding('encoding');

function percentEncode(string, inSet, spaceAsPlus = false) {
  let out = '';
  for (const ch of string) {
    const code = ch.codePointAt(0);
    if (spaceAsPlus && code === 0x20) {
      out += '+';
    } else if (code < 0x80 && !inSet(code)) {
      out += ch;
    } else if (code < 0x80) {
      out += `%${code.toString(16).toUpperCase().padStart(2, '0')}`;
    } else {
      for (const byte of encoder.encodeUtf8(ch)) out += `%${byte.toString(16).toUpperCase().padStart(2, '0')}`;
    }
  }
  return out;
}

function isHex(c) {
  return (c >= 0x30 && c <= 0x39) || (c >= 0x41 && c <= 0x46) || (c >= 0x61 && c <= 0x66);
}

function percentDecodeBytes(string) {
  const bytes = encoder.encodeUtf8(string);
  const out = [];
  for (let i = 0; i < bytes.length; i++) {
    if (bytes[i] === 0x25 && i + 2 < bytes.length && isHex(bytes[i + 1]) && isHex(bytes[i + 2])) {
      out.push(Number.parseInt(String.fromCharCode(bytes[i + 1], bytes[i + 2]), 16));
      i += 2;
    } else {
      out.push(bytes[i]);
    }
  }
  return Uint8Array.from(out);
}

function percentDecode(string) {
  const bytes = percentDecodeBytes(string);
  return encoder.decodeUtf8(bytes, 0, bytes.length, false);
}

// --- Hosts -------------------------------------------------------------------------------

const forbiddenHost = /[\u0000\u0009\u000a\u000d #/:<>?@[\\\]^|]/;
const forbiddenDomain = /[\u0000-\u001f #%/:<>?@[\\\]^|\u007f]/;

function parseIPv4Number(part) {
  if (part === '') return NaN;
  let radix = 10;
  if (part.length >= 2 && (part.startsWith('0x') || part.startsWith('0X'))) {
    part = part.slice(2);
    radix = 16;
  } else if (part.length >= 2 && part[0] === '0') {
    part = part.slice(1);
    radix = 8;
  }
  if (part === '') return 0;
  const valid = radix === 10 ? /^[0-9]+$/ : radix === 16 ? /^[0-9a-fA-F]+$/ : /^[0-7]+$/;
  if (!valid.test(part)) return NaN;
  return Number.parseInt(part, radix);
}

function endsInNumber(input) {
  const parts = input.split('.');
  if (parts[parts.length - 1] === '') {
    if (parts.length === 1) return false;
    parts.pop();
  }
  const last = parts[parts.length - 1];
  if (last !== '' && /^[0-9]+$/.test(last)) return true;
  return !Number.isNaN(parseIPv4Number(last));
}

function parseIPv4(input) {
  const parts = input.split('.');
  if (parts[parts.length - 1] === '' && parts.length > 1) parts.pop();
  if (parts.length > 4) return null;
  const numbers = [];
  for (const part of parts) {
    const n = parseIPv4Number(part);
    if (Number.isNaN(n)) return null;
    numbers.push(n);
  }
  for (let i = 0; i < numbers.length - 1; i++) if (numbers[i] > 255) return null;
  if (numbers[numbers.length - 1] >= 256 ** (5 - numbers.length)) return null;
  let ipv4 = numbers[numbers.length - 1];
  for (let i = 0; i < numbers.length - 1; i++) ipv4 += numbers[i] * 256 ** (3 - i);
  return ipv4;
}

function serializeIPv4(address) {
  const out = [];
  for (let i = 0; i < 4; i++) {
    out.unshift(String(address % 256));
    address = Math.floor(address / 256);
  }
  return out.join('.');
}

function parseIPv6(input) {
  const address = [0, 0, 0, 0, 0, 0, 0, 0];
  let pieceIndex = 0;
  let compress = null;
  let pointer = 0;
  const c = (i) => input.charCodeAt(i);
  if (c(pointer) === 0x3a) {
    if (c(pointer + 1) !== 0x3a) return null;
    pointer += 2;
    pieceIndex++;
    compress = pieceIndex;
  }
  while (pointer < input.length) {
    if (pieceIndex === 8) return null;
    if (c(pointer) === 0x3a) {
      if (compress !== null) return null;
      pointer++;
      pieceIndex++;
      compress = pieceIndex;
      continue;
    }
    let value = 0;
    let length = 0;
    while (length < 4 && pointer < input.length && isHex(c(pointer))) {
      value = value * 16 + Number.parseInt(input[pointer], 16);
      pointer++;
      length++;
    }
    if (c(pointer) === 0x2e) {
      if (length === 0) return null;
      pointer -= length;
      if (pieceIndex > 6) return null;
      let numbersSeen = 0;
      while (pointer < input.length) {
        let ipv4Piece = null;
        if (numbersSeen > 0) {
          if (c(pointer) === 0x2e && numbersSeen < 4) pointer++;
          else return null;
        }
        if (!(c(pointer) >= 0x30 && c(pointer) <= 0x39)) return null;
        while (c(pointer) >= 0x30 && c(pointer) <= 0x39) {
          const number = c(pointer) - 0x30;
          if (ipv4Piece === null) ipv4Piece = number;
          else if (ipv4Piece === 0) return null;
          else ipv4Piece = ipv4Piece * 10 + number;
          if (ipv4Piece > 255) return null;
          pointer++;
        }
        address[pieceIndex] = address[pieceIndex] * 0x100 + ipv4Piece;
        numbersSeen++;
        if (numbersSeen === 2 || numbersSeen === 4) pieceIndex++;
      }
      if (numbersSeen !== 4) return null;
      break;
    } else if (c(pointer) === 0x3a) {
      pointer++;
      if (pointer >= input.length) return null;
    } else if (pointer < input.length) {
      return null;
    }
    address[pieceIndex] = value;
    pieceIndex++;
  }
  if (compress !== null) {
    let swaps = pieceIndex - compress;
    pieceIndex = 7;
    while (pieceIndex !== 0 && swaps > 0) {
      const tmp = address[compress + swaps - 1];
      address[compress + swaps - 1] = address[pieceIndex];
      address[pieceIndex] = tmp;
      pieceIndex--;
      swaps--;
    }
  } else if (pieceIndex !== 8) {
    return null;
  }
  return address;
}

function serializeIPv6(address) {
  let bestStart = -1;
  let bestLength = 1;
  for (let i = 0; i < 8; i++) {
    if (address[i] !== 0) continue;
    let j = i;
    while (j < 8 && address[j] === 0) j++;
    if (j - i > bestLength) {
      bestStart = i;
      bestLength = j - i;
    }
    i = j;
  }
  let out = '';
  let ignore0 = false;
  for (let i = 0; i < 8; i++) {
    if (ignore0 && address[i] === 0) continue;
    ignore0 = false;
    if (bestStart === i) {
      out += i === 0 ? '::' : ':';
      ignore0 = true;
      continue;
    }
    out += address[i].toString(16);
    if (i !== 7) out += ':';
  }
  return `[${out}]`;
}

// The serialized host, or null on failure.
function parseHost(input, isNotSpecial) {
  if (input.startsWith('[')) {
    if (!input.endsWith(']')) return null;
    const address = parseIPv6(input.slice(1, -1));
    return address === null ? null : serializeIPv6(address);
  }
  if (isNotSpecial) {
    if (forbiddenHost.test(input)) return null;
    return percentEncode(input, C0);
  }
  const domain = percentDecode(input);
  let ascii = /^[\x00-\x7f]*$/.test(domain) && !/(^|\.)xn--/i.test(domain) ? domain.toLowerCase() : urlBinding.domainToASCII(domain);
  if (ascii === undefined || ascii === '') return null;
  if (forbiddenDomain.test(ascii)) return null;
  if (endsInNumber(ascii)) {
    const ipv4 = parseIPv4(ascii);
    return ipv4 === null ? null : serializeIPv4(ipv4);
  }
  return ascii;
}

// --- The basic URL parser ------------------------------------------------------------------

const isAlpha = (c) => (c >= 0x41 && c <= 0x5a) || (c >= 0x61 && c <= 0x7a);
const isDigit = (c) => c >= 0x30 && c <= 0x39;
const isWindowsDriveLetter = (s, normalizedOnly) => s.length === 2 && isAlpha(s.charCodeAt(0)) &&
  (s[1] === ':' || (!normalizedOnly && s[1] === '|'));
const startsWithWindowsDriveLetter = (cps, pointer) => cps.length - pointer >= 2 && isAlpha(cps[pointer]) &&
  (cps[pointer + 1] === 0x3a || cps[pointer + 1] === 0x7c) &&
  (cps.length - pointer === 2 || [0x2f, 0x5c, 0x3f, 0x23].includes(cps[pointer + 2]));
const isSingleDot = (s) => s === '.' || s.toLowerCase() === '%2e';
const isDoubleDot = (s) => ['..', '.%2e', '%2e.', '%2e%2e'].includes(s.toLowerCase());

function newRecord() {
  return { scheme: '', username: '', password: '', host: null, port: null, path: [], opaquePath: null, query: null, fragment: null };
}

function shortenPath(url) {
  if (url.scheme === 'file:' && url.path.length === 1 && isWindowsDriveLetter(url.path[0], true)) return;
  url.path.pop();
}

const FAILURE = Symbol('failure');

// Parses `input` against `base` (a record or null); with `url` and `stateOverride`, runs a
// setter. Returns the record, or FAILURE.
function basicParse(input, base, url, stateOverride) {
  if (!url) {
    url = newRecord();
    input = input.replace(/^[\u0000-\u0020]+|[\u0000-\u0020]+$/g, '');
  }
  input = input.replace(/[\u0009\u000a\u000d]/g, '');
  const cps = Array.from(input, (ch) => ch.codePointAt(0));
  let state = stateOverride || 'scheme start';
  let buffer = '';
  let atSignSeen = false;
  let insideBrackets = false;
  let passwordTokenSeen = false;
  for (let pointer = 0; pointer <= cps.length; pointer++) {
    const c = pointer < cps.length ? cps[pointer] : undefined;
    const ch = c === undefined ? '' : String.fromCodePoint(c);
    const special = isSpecialScheme(url.scheme);
    switch (state) {
      case 'scheme start':
        if (c !== undefined && isAlpha(c)) {
          buffer += ch.toLowerCase();
          state = 'scheme';
        } else if (!stateOverride) {
          state = 'no scheme';
          pointer--;
        } else {
          return FAILURE;
        }
        break;
      case 'scheme':
        if (c !== undefined && (isAlpha(c) || isDigit(c) || c === 0x2b || c === 0x2d || c === 0x2e)) {
          buffer += ch.toLowerCase();
        } else if (c === 0x3a) {
          const scheme = `${buffer}:`;
          if (stateOverride) {
            if (isSpecialScheme(url.scheme) !== isSpecialScheme(scheme)) return url;
            if ((url.username !== '' || url.password !== '' || url.port !== null) && scheme === 'file:') return url;
            if (url.scheme === 'file:' && url.host === '') return url;
          }
          url.scheme = scheme;
          if (stateOverride) {
            if (url.port === specialPorts[url.scheme]) url.port = null;
            return url;
          }
          buffer = '';
          if (url.scheme === 'file:') {
            state = 'file';
          } else if (isSpecialScheme(url.scheme) && base && base.scheme === url.scheme) {
            state = 'special relative or authority';
          } else if (isSpecialScheme(url.scheme)) {
            state = 'special authority slashes';
          } else if (cps[pointer + 1] === 0x2f) {
            state = 'path or authority';
            pointer++;
          } else {
            url.opaquePath = '';
            state = 'opaque path';
          }
        } else if (!stateOverride) {
          buffer = '';
          state = 'no scheme';
          pointer = -1;
        } else {
          return FAILURE;
        }
        break;
      case 'no scheme':
        if (!base || (base.opaquePath !== null && c !== 0x23)) return FAILURE;
        if (base.opaquePath !== null && c === 0x23) {
          url.scheme = base.scheme;
          url.path = base.path.slice();
          url.opaquePath = base.opaquePath;
          url.query = base.query;
          url.fragment = '';
          state = 'fragment';
        } else if (base.scheme !== 'file:') {
          state = 'relative';
          pointer--;
        } else {
          state = 'file';
          pointer--;
        }
        break;
      case 'special relative or authority':
        if (c === 0x2f && cps[pointer + 1] === 0x2f) {
          state = 'special authority ignore slashes';
          pointer++;
        } else {
          state = 'relative';
          pointer--;
        }
        break;
      case 'path or authority':
        if (c === 0x2f) {
          state = 'authority';
        } else {
          state = 'path';
          pointer--;
        }
        break;
      case 'relative':
        url.scheme = base.scheme;
        if (c === 0x2f) {
          state = 'relative slash';
        } else if (special && c === 0x5c) {
          state = 'relative slash';
        } else {
          url.username = base.username;
          url.password = base.password;
          url.host = base.host;
          url.port = base.port;
          url.path = base.path.slice();
          url.query = base.query;
          if (c === 0x3f) {
            url.query = '';
            state = 'query';
          } else if (c === 0x23) {
            url.fragment = '';
            state = 'fragment';
          } else if (c !== undefined) {
            url.query = null;
            shortenPath(url);
            state = 'path';
            pointer--;
          }
        }
        break;
      case 'relative slash':
        if (special && (c === 0x2f || c === 0x5c)) {
          state = 'special authority ignore slashes';
        } else if (c === 0x2f) {
          state = 'authority';
        } else {
          url.username = base.username;
          url.password = base.password;
          url.host = base.host;
          url.port = base.port;
          state = 'path';
          pointer--;
        }
        break;
      case 'special authority slashes':
        if (c === 0x2f && cps[pointer + 1] === 0x2f) {
          state = 'special authority ignore slashes';
          pointer++;
        } else {
          state = 'special authority ignore slashes';
          pointer--;
        }
        break;
      case 'special authority ignore slashes':
        if (c !== 0x2f && c !== 0x5c) {
          state = 'authority';
          pointer--;
        }
        break;
      case 'authority':
        if (c === 0x40) {
          if (atSignSeen) buffer = `%40${buffer}`;
          atSignSeen = true;
          for (const bch of buffer) {
            if (bch === ':' && !passwordTokenSeen) {
              passwordTokenSeen = true;
              continue;
            }
            const encoded = percentEncode(bch, inUserinfoSet);
            if (passwordTokenSeen) url.password += encoded;
            else url.username += encoded;
          }
          buffer = '';
        } else if (c === undefined || c === 0x2f || c === 0x3f || c === 0x23 || (special && c === 0x5c)) {
          if (atSignSeen && buffer === '') return FAILURE;
          pointer -= Array.from(buffer).length + 1;
          buffer = '';
          state = 'host';
        } else {
          buffer += ch;
        }
        break;
      case 'host':
      case 'hostname':
        if (stateOverride && url.scheme === 'file:') {
          pointer--;
          state = 'file host';
        } else if (c === 0x3a && !insideBrackets) {
          if (buffer === '') return FAILURE;
          if (stateOverride === 'hostname') return FAILURE;
          const host = parseHost(buffer, !special);
          if (host === null) return FAILURE;
          url.host = host;
          buffer = '';
          state = 'port';
        } else if (c === undefined || c === 0x2f || c === 0x3f || c === 0x23 || (special && c === 0x5c)) {
          pointer--;
          if (special && buffer === '') return FAILURE;
          if (stateOverride && buffer === '' && (url.username !== '' || url.password !== '' || url.port !== null)) return url;
          const host = parseHost(buffer, !special);
          if (host === null) return FAILURE;
          url.host = host;
          buffer = '';
          state = 'path start';
          if (stateOverride) return url;
        } else {
          if (c === 0x5b) insideBrackets = true;
          if (c === 0x5d) insideBrackets = false;
          buffer += ch;
        }
        break;
      case 'port':
        if (c !== undefined && isDigit(c)) {
          buffer += ch;
        } else if (c === undefined || c === 0x2f || c === 0x3f || c === 0x23 || (special && c === 0x5c) || stateOverride) {
          if (buffer !== '') {
            const port = Number.parseInt(buffer, 10);
            if (port > 65535) return FAILURE;
            url.port = specialPorts[url.scheme] === port ? null : port;
            buffer = '';
          }
          if (stateOverride) return url;
          state = 'path start';
          pointer--;
        } else {
          return FAILURE;
        }
        break;
      case 'file':
        url.scheme = 'file:';
        url.host = '';
        if (c === 0x2f || c === 0x5c) {
          state = 'file slash';
        } else if (base && base.scheme === 'file:') {
          url.host = base.host;
          url.path = base.path.slice();
          url.query = base.query;
          if (c === 0x3f) {
            url.query = '';
            state = 'query';
          } else if (c === 0x23) {
            url.fragment = '';
            state = 'fragment';
          } else if (c !== undefined) {
            url.query = null;
            if (!startsWithWindowsDriveLetter(cps, pointer)) shortenPath(url);
            else url.path = [];
            state = 'path';
            pointer--;
          }
        } else {
          state = 'path';
          pointer--;
        }
        break;
      case 'file slash':
        if (c === 0x2f || c === 0x5c) {
          state = 'file host';
        } else {
          if (base && base.scheme === 'file:') {
            url.host = base.host;
            if (!startsWithWindowsDriveLetter(cps, pointer) && base.path.length > 0 && isWindowsDriveLetter(base.path[0], true)) {
              url.path.push(base.path[0]);
            }
          }
          state = 'path';
          pointer--;
        }
        break;
      case 'file host':
        if (c === undefined || c === 0x2f || c === 0x5c || c === 0x3f || c === 0x23) {
          pointer--;
          if (!stateOverride && isWindowsDriveLetter(buffer, false)) {
            state = 'path';
          } else if (buffer === '') {
            url.host = '';
            if (stateOverride) return url;
            state = 'path start';
          } else {
            let host = parseHost(buffer, false);
            if (host === null) return FAILURE;
            if (host === 'localhost') host = '';
            url.host = host;
            if (stateOverride) return url;
            buffer = '';
            state = 'path start';
          }
        } else {
          buffer += ch;
        }
        break;
      case 'path start':
        if (special) {
          state = 'path';
          if (c !== 0x2f && c !== 0x5c) pointer--;
        } else if (!stateOverride && c === 0x3f) {
          url.query = '';
          state = 'query';
        } else if (!stateOverride && c === 0x23) {
          url.fragment = '';
          state = 'fragment';
        } else if (c !== undefined) {
          state = 'path';
          if (c !== 0x2f) pointer--;
        } else if (stateOverride && url.host === null) {
          url.path.push('');
        }
        break;
      case 'path':
        if (c === undefined || c === 0x2f || (special && c === 0x5c) || (!stateOverride && (c === 0x3f || c === 0x23))) {
          if (isDoubleDot(buffer)) {
            shortenPath(url);
            if (c !== 0x2f && !(special && c === 0x5c)) url.path.push('');
          } else if (isSingleDot(buffer) && c !== 0x2f && !(special && c === 0x5c)) {
            url.path.push('');
          } else if (!isSingleDot(buffer)) {
            if (url.scheme === 'file:' && url.path.length === 0 && isWindowsDriveLetter(buffer, false)) {
              buffer = `${buffer[0]}:`;
            }
            url.path.push(buffer);
          }
          buffer = '';
          if (c === 0x3f) {
            url.query = '';
            state = 'query';
          }
          if (c === 0x23) {
            url.fragment = '';
            state = 'fragment';
          }
        } else {
          buffer += percentEncode(ch, inPathSet);
        }
        break;
      case 'opaque path':
        if (c === 0x3f) {
          url.query = '';
          state = 'query';
        } else if (c === 0x23) {
          url.fragment = '';
          state = 'fragment';
        } else if (c !== undefined) {
          url.opaquePath += percentEncode(ch, C0);
        }
        break;
      case 'query':
        if ((!stateOverride && c === 0x23) || c === undefined) {
          url.query += percentEncode(buffer, special ? inSpecialQuerySet : inQuerySet);
          buffer = '';
          if (c === 0x23) {
            url.fragment = '';
            state = 'fragment';
          }
        } else {
          buffer += ch;
        }
        break;
      case 'fragment':
        if (c !== undefined) url.fragment += percentEncode(ch, inFragmentSet);
        break;
      default:
        throw new Error(`unknown URL parser state ${state}`);
    }
  }
  return url;
}

function serializePath(url) {
  if (url.opaquePath !== null) return url.opaquePath;
  let out = '';
  for (const segment of url.path) out += `/${segment}`;
  return out;
}

function serialize(url, excludeFragment = false) {
  let out = url.scheme;
  if (url.host !== null) {
    out += '//';
    if (url.username !== '' || url.password !== '') {
      out += url.username;
      if (url.password !== '') out += `:${url.password}`;
      out += '@';
    }
    out += url.host;
    if (url.port !== null) out += `:${url.port}`;
  } else if (url.opaquePath === null && url.path.length > 1 && url.path[0] === '') {
    out += '/.';
  }
  out += serializePath(url);
  if (url.query !== null) out += `?${url.query}`;
  if (!excludeFragment && url.fragment !== null) out += `#${url.fragment}`;
  return out;
}

// --- URLSearchParams -----------------------------------------------------------------------

function parseUrlencoded(input) {
  const list = [];
  for (const sequence of input.split('&')) {
    if (sequence === '') continue;
    const eq = sequence.indexOf('=');
    const name = eq === -1 ? sequence : sequence.slice(0, eq);
    const value = eq === -1 ? '' : sequence.slice(eq + 1);
    list.push([percentDecode(name.replace(/\+/g, ' ')), percentDecode(value.replace(/\+/g, ' '))]);
  }
  return list;
}

function serializeUrlencoded(list) {
  return list.map(([name, value]) => `${percentEncode(name, inFormSet, true)}=${percentEncode(value, inFormSet, true)}`).join('&');
}

const kList = Symbol('query');
const kUrl = Symbol('context');

function toUSV(value) {
  return String(value).replace(/[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/g, '\ufffd');
}

class URLSearchParams {
  constructor(init = undefined) {
    this[kList] = [];
    this[kUrl] = null;
    if (init === undefined || init === null) return;
    if (typeof init === 'object' || typeof init === 'function') {
      if (typeof init[Symbol.iterator] === 'function') {
        for (const pair of init) {
          if (pair === null || (typeof pair !== 'object' && typeof pair !== 'function') || typeof pair[Symbol.iterator] !== 'function') {
            throw new codes.ERR_INVALID_TUPLE('Each query pair', '[name, value]');
          }
          const items = Array.from(pair);
          if (items.length !== 2) throw new codes.ERR_INVALID_TUPLE('Each query pair', '[name, value]');
          this[kList].push([toUSV(items[0]), toUSV(items[1])]);
        }
      } else {
        for (const key of Reflect.ownKeys(init)) {
          if (typeof key === 'string' && Object.prototype.propertyIsEnumerable.call(init, key)) {
            this[kList].push([toUSV(key), toUSV(init[key])]);
          }
        }
      }
    } else {
      let text = toUSV(init);
      if (text.startsWith('?')) text = text.slice(1);
      this[kList] = parseUrlencoded(text);
    }
  }

  #update() {
    const url = this[kUrl];
    if (!url) return;
    const serialized = serializeUrlencoded(this[kList]);
    url[kRecord].query = serialized === '' ? null : serialized;
    url[kHref] = null;
  }

  get size() {
    return this[kList].length;
  }
  append(name, value) {
    if (arguments.length < 2) throw new codes.ERR_MISSING_ARGS('name', 'value');
    this[kList].push([toUSV(name), toUSV(value)]);
    this.#update();
  }
  delete(name, value) {
    if (arguments.length < 1) throw new codes.ERR_MISSING_ARGS('name');
    name = toUSV(name);
    if (value !== undefined) {
      value = toUSV(value);
      this[kList] = this[kList].filter(([n, v]) => n !== name || v !== value);
    } else {
      this[kList] = this[kList].filter(([n]) => n !== name);
    }
    this.#update();
  }
  get(name) {
    if (arguments.length < 1) throw new codes.ERR_MISSING_ARGS('name');
    name = toUSV(name);
    const found = this[kList].find(([n]) => n === name);
    return found ? found[1] : null;
  }
  getAll(name) {
    if (arguments.length < 1) throw new codes.ERR_MISSING_ARGS('name');
    name = toUSV(name);
    return this[kList].filter(([n]) => n === name).map(([, v]) => v);
  }
  has(name, value) {
    if (arguments.length < 1) throw new codes.ERR_MISSING_ARGS('name');
    name = toUSV(name);
    if (value !== undefined) {
      value = toUSV(value);
      return this[kList].some(([n, v]) => n === name && v === value);
    }
    return this[kList].some(([n]) => n === name);
  }
  set(name, value) {
    if (arguments.length < 2) throw new codes.ERR_MISSING_ARGS('name', 'value');
    name = toUSV(name);
    value = toUSV(value);
    const index = this[kList].findIndex(([n]) => n === name);
    if (index === -1) {
      this[kList].push([name, value]);
    } else {
      this[kList][index][1] = value;
      this[kList] = this[kList].filter(([n], i) => n !== name || i === index);
    }
    this.#update();
  }
  sort() {
    const list = this[kList].map((pair, index) => [pair, index]);
    list.sort((a, b) => {
      const x = a[0][0];
      const y = b[0][0];
      for (let i = 0; i < Math.min(x.length, y.length); i++) {
        if (x.charCodeAt(i) !== y.charCodeAt(i)) return x.charCodeAt(i) - y.charCodeAt(i);
      }
      return x.length - y.length || a[1] - b[1];
    });
    this[kList] = list.map(([pair]) => pair);
    this.#update();
  }
  forEach(callback, thisArg = undefined) {
    if (typeof callback !== 'function') throw new codes.ERR_INVALID_ARG_TYPE('callback', 'Function', callback);
    for (let i = 0; i < this[kList].length; i++) {
      const [name, value] = this[kList][i];
      callback.call(thisArg, value, name, this);
    }
  }
  *keys() {
    for (const [name] of this[kList]) yield name;
  }
  *values() {
    for (const [, value] of this[kList]) yield value;
  }
  *entries() {
    for (const [name, value] of this[kList]) yield [name, value];
  }
  [Symbol.iterator]() {
    return this.entries();
  }
  toString() {
    return serializeUrlencoded(this[kList]);
  }
  [customInspect](depth, options, inspect) {
    if (depth < 0) return '[Object]';
    const entries = this[kList].map(([name, value]) => `${inspect(name, options)} => ${inspect(value, options)}`);
    return entries.length === 0 ? 'URLSearchParams {}' : `URLSearchParams { ${entries.join(', ')} }`;
  }
}
Object.defineProperty(URLSearchParams.prototype, Symbol.toStringTag, { value: 'URLSearchParams', configurable: true });

// --- URL -------------------------------------------------------------------------------------

const kRecord = Symbol('record');
const kHref = Symbol('href');
const kSearchParams = Symbol('searchParams');

function parseOrThrow(input, base) {
  let baseRecord = null;
  if (base !== undefined) {
    baseRecord = basicParse(`${base}`, null);
    if (baseRecord === FAILURE) {
      const error = new codes.ERR_INVALID_URL();
      error.input = `${input}`;
      error.base = `${base}`;
      throw error;
    }
  }
  const record = basicParse(`${input}`, baseRecord);
  if (record === FAILURE) {
    const error = new codes.ERR_INVALID_URL();
    error.input = `${input}`;
    if (base !== undefined) error.base = `${base}`;
    throw error;
  }
  return record;
}

class URL {
  constructor(input, base = undefined) {
    if (arguments.length === 0) throw new codes.ERR_MISSING_ARGS('url');
    this[kRecord] = parseOrThrow(toUSV(input), base === undefined ? undefined : toUSV(base));
    this[kHref] = null;
    this[kSearchParams] = null;
  }

  static canParse(input, base = undefined) {
    try {
      parseOrThrow(toUSV(input), base === undefined ? undefined : toUSV(base));
      return true;
    } catch {
      return false;
    }
  }

  get href() {
    if (this[kHref] === null) this[kHref] = serialize(this[kRecord]);
    return this[kHref];
  }
  set href(value) {
    const record = parseOrThrow(toUSV(value));
    this[kRecord] = record;
    this[kHref] = null;
    if (this[kSearchParams]) this[kSearchParams][kList] = parseUrlencoded(record.query || '');
  }
  get origin() {
    const url = this[kRecord];
    switch (url.scheme) {
      case 'blob:':
        try {
          return new URL(serializePath(url)).origin;
        } catch {
          return 'null';
        }
      case 'ftp:': case 'http:': case 'https:': case 'ws:': case 'wss:':
        return `${url.scheme}//${url.host}${url.port !== null ? `:${url.port}` : ''}`;
      default:
        return 'null';
    }
  }
  get protocol() {
    return this[kRecord].scheme;
  }
  set protocol(value) {
    basicParse(`${toUSV(value)}:`, null, this[kRecord], 'scheme start');
    this[kHref] = null;
  }
  get username() {
    return this[kRecord].username;
  }
  set username(value) {
    const url = this[kRecord];
    if (url.host === null || url.host === '' || url.scheme === 'file:') return;
    url.username = percentEncode(toUSV(value), inUserinfoSet);
    this[kHref] = null;
  }
  get password() {
    return this[kRecord].password;
  }
  set password(value) {
    const url = this[kRecord];
    if (url.host === null || url.host === '' || url.scheme === 'file:') return;
    url.password = percentEncode(toUSV(value), inUserinfoSet);
    this[kHref] = null;
  }
  get host() {
    const url = this[kRecord];
    if (url.host === null) return '';
    return url.port === null ? url.host : `${url.host}:${url.port}`;
  }
  set host(value) {
    const url = this[kRecord];
    if (url.opaquePath !== null) return;
    const copy = { ...url, path: url.path.slice() };
    if (basicParse(toUSV(value), null, copy, 'host') !== FAILURE) Object.assign(url, copy);
    this[kHref] = null;
  }
  get hostname() {
    const url = this[kRecord];
    return url.host === null ? '' : url.host;
  }
  set hostname(value) {
    const url = this[kRecord];
    if (url.opaquePath !== null) return;
    const copy = { ...url, path: url.path.slice() };
    if (basicParse(toUSV(value), null, copy, 'hostname') !== FAILURE) Object.assign(url, copy);
    this[kHref] = null;
  }
  get port() {
    const port = this[kRecord].port;
    return port === null ? '' : String(port);
  }
  set port(value) {
    const url = this[kRecord];
    if (url.host === null || url.host === '' || url.scheme === 'file:') return;
    value = toUSV(value);
    if (value === '') {
      url.port = null;
    } else {
      const copy = { ...url };
      if (basicParse(value, null, copy, 'port') !== FAILURE) url.port = copy.port;
    }
    this[kHref] = null;
  }
  get pathname() {
    return serializePath(this[kRecord]);
  }
  set pathname(value) {
    const url = this[kRecord];
    if (url.opaquePath !== null) return;
    url.path = [];
    basicParse(toUSV(value), null, url, 'path start');
    this[kHref] = null;
  }
  get search() {
    const query = this[kRecord].query;
    return query === null || query === '' ? '' : `?${query}`;
  }
  set search(value) {
    const url = this[kRecord];
    value = toUSV(value);
    if (value === '') {
      url.query = null;
      if (this[kSearchParams]) this[kSearchParams][kList] = [];
    } else {
      const input = value.startsWith('?') ? value.slice(1) : value;
      url.query = '';
      basicParse(input, null, url, 'query');
      if (this[kSearchParams]) this[kSearchParams][kList] = parseUrlencoded(input);
    }
    this[kHref] = null;
  }
  get searchParams() {
    if (this[kSearchParams] === null) {
      const params = new URLSearchParams(this[kRecord].query || '');
      params[kUrl] = this;
      this[kSearchParams] = params;
    }
    return this[kSearchParams];
  }
  get hash() {
    const fragment = this[kRecord].fragment;
    return fragment === null || fragment === '' ? '' : `#${fragment}`;
  }
  set hash(value) {
    const url = this[kRecord];
    value = toUSV(value);
    if (value === '') {
      url.fragment = null;
    } else {
      url.fragment = '';
      basicParse(value.startsWith('#') ? value.slice(1) : value, null, url, 'fragment');
    }
    this[kHref] = null;
  }
  toString() {
    return this.href;
  }
  toJSON() {
    return this.href;
  }
  [customInspect](depth, options, inspect) {
    const obj = {
      href: this.href, origin: this.origin, protocol: this.protocol, username: this.username,
      password: this.password, host: this.host, hostname: this.hostname, port: this.port,
      pathname: this.pathname, search: this.search, searchParams: this.searchParams, hash: this.hash,
    };
    if (depth < 0) return '[URL]';
    return `URL ${inspect(obj, { ...options, depth: options.depth === null ? null : options.depth - 1 })}`;
  }
  static createObjectURL() {
    throw new codes.ERR_METHOD_NOT_IMPLEMENTED('URL.createObjectURL');
  }
  static revokeObjectURL() {}
}
for (const name of ['href', 'origin', 'protocol', 'username', 'password', 'host', 'hostname', 'port', 'pathname',
  'search', 'searchParams', 'hash', 'toString', 'toJSON']) {
  Object.defineProperty(URL.prototype, name, { ...Object.getOwnPropertyDescriptor(URL.prototype, name), enumerable: true });
}
Object.defineProperty(URL.prototype, Symbol.toStringTag, { value: 'URL', configurable: true });

function isURL(value) {
  return value != null && typeof value === 'object' && value[kRecord] !== undefined;
}

function fileURLToPath(path) {
  if (typeof path === 'string') path = new URL(path);
  else if (!isURL(path) && !(path && typeof path.href === 'string')) throw new codes.ERR_INVALID_ARG_TYPE('path', ['string', 'URL'], path);
  if (!isURL(path)) path = new URL(path.href);
  if (path.protocol !== 'file:') throw new codes.ERR_INVALID_URL_SCHEME('file');
  if (path.hostname !== '') throw new codes.ERR_INVALID_FILE_URL_HOST('linux');
  const pathname = path.pathname;
  for (let n = 0; n < pathname.length; n++) {
    if (pathname[n] === '%') {
      const third = pathname.codePointAt(n + 2) | 0x20;
      if (pathname[n + 1] === '2' && third === 102) {
        throw new codes.ERR_INVALID_FILE_URL_PATH('must not include encoded / characters');
      }
    }
  }
  return percentDecode(pathname);
}

function pathToFileURL(filepath) {
  const path = require('path');
  let resolved = path.resolve(filepath);
  if (filepath.endsWith('/') && !resolved.endsWith('/')) resolved += '/';
  const url = new URL('file://');
  let encoded = resolved.replace(/%/g, '%25').replace(/\\/g, '%5C').replace(/\n/g, '%0A').replace(/\r/g, '%0D').replace(/\t/g, '%09');
  url.pathname = encoded;
  return url;
}

function domainToASCII(domain) {
  if (arguments.length < 1) throw new codes.ERR_MISSING_ARGS('domain');
  const host = parseHost(`${domain}`, false);
  return host === null ? '' : host;
}

function domainToUnicode(domain) {
  if (arguments.length < 1) throw new codes.ERR_MISSING_ARGS('domain');
  const host = parseHost(`${domain}`, false);
  if (host === null) return '';
  return urlBinding.domainToUnicode(host) || host;
}

module.exports = {
  URL,
  URLSearchParams,
  fileURLToPath,
  pathToFileURL,
  domainToASCII,
  domainToUnicode,
  isURL,
  percentDecode,
  percentEncode,
  inComponentSet,
};
