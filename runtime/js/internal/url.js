'use strict';
// WHATWG URL and URLSearchParams over the basic URL parser (internal/url_parser), and
// the helpers around them: fileURLToPath, pathToFileURL, domainToASCII/Unicode.

const urlBinding = internalBinding('url');
const { codes } = require('internal/errors');
const { percentEncode, percentDecode, parseHost, inUserinfoSet, inComponentSet, inFormSet } = require('internal/url_host');
const { basicParse, serialize, serializePath, FAILURE } = require('internal/url_parser');

const customInspect = Symbol.for('nodejs.util.inspect.custom');

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
