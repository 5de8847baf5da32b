'use strict';
// The URL Standard's percent-encode sets and host parser: domains go through UTS #46
// (internalBinding('url'), ICU), IPv4 addresses accept hex and octal parts, IPv6
// addresses are parsed and serialized with the longest zero run compressed.

const urlBinding = internalBinding('url');

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


module.exports = {
  specialPorts, isSpecialScheme, C0, inFragmentSet, inQuerySet, inSpecialQuerySet, inPathSet, inUserinfoSet,
  inComponentSet, inFormSet, percentEncode, percentDecode, parseHost,
};
