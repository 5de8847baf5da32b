'use strict';
// The URL Standard's basic URL parser, state by state (with the state overrides the
// URL setters use), and the URL serializer. A URL record is a plain object:
// { scheme, username, password, host, port, path, opaquePath, query, fragment }.

const {
  specialPorts, isSpecialScheme, C0, inFragmentSet, inQuerySet, inSpecialQuerySet, inPathSet, inUserinfoSet,
  percentEncode, parseHost,
} = require('internal/url_host');

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


module.exports = { basicParse, serialize, serializePath, FAILURE };
