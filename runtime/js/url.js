'use strict';
// node:url: the WHATWG URL classes and helpers, plus the legacy url.parse, url.format
// and url.resolve that older packages still call.

const {
  URL, URLSearchParams, fileURLToPath, pathToFileURL, domainToASCII, domainToUnicode, isURL,
} = require('internal/url');
const { codes } = require('internal/errors');

const slashedProtocols = new Set(['http:', 'https:', 'ftp:', 'gopher:', 'file:', 'ws:', 'wss:']);

function Url() {
  this.protocol = null;
  this.slashes = null;
  this.auth = null;
  this.host = null;
  this.port = null;
  this.hostname = null;
  this.hash = null;
  this.search = null;
  this.query = null;
  this.pathname = null;
  this.path = null;
  this.href = null;
}

function parse(url, parseQueryString = false, slashesDenoteHost = false) {
  if (url instanceof Url) return url;
  if (typeof url !== 'string') throw new codes.ERR_INVALID_ARG_TYPE('url', 'string', url);
  const result = new Url();
  let rest = url.trim().replace(/\\/g, '/');
  const hashIndex = rest.indexOf('#');
  if (hashIndex !== -1) {
    result.hash = rest.slice(hashIndex);
    rest = rest.slice(0, hashIndex);
  }
  const queryIndex = rest.indexOf('?');
  if (queryIndex !== -1) {
    result.search = rest.slice(queryIndex);
    result.query = rest.slice(queryIndex + 1);
    rest = rest.slice(0, queryIndex);
  } else if (parseQueryString) {
    result.search = '';
    result.query = {};
  }
  if (parseQueryString && typeof result.query === 'string') result.query = require('querystring').parse(result.query);
  const protocolMatch = /^([a-z0-9.+-]+:)/i.exec(rest);
  if (protocolMatch) {
    result.protocol = protocolMatch[1].toLowerCase();
    rest = rest.slice(protocolMatch[1].length);
  }
  if ((slashesDenoteHost || protocolMatch || /^\/\/[^@/]+@[^@/]+/.test(rest)) && rest.startsWith('//') &&
      result.protocol !== 'javascript:') {
    rest = rest.slice(2);
    result.slashes = true;
  }
  if (result.slashes || (result.protocol && !slashedProtocols.has(result.protocol) && false)) {
    let hostEnd = rest.search(/[/?#]/);
    if (hostEnd === -1) hostEnd = rest.length;
    let hostPart = rest.slice(0, hostEnd);
    rest = rest.slice(hostEnd);
    const at = hostPart.lastIndexOf('@');
    if (at !== -1) {
      result.auth = decodeURIComponent(hostPart.slice(0, at));
      hostPart = hostPart.slice(at + 1);
    }
    const portMatch = /:([0-9]*)$/.exec(hostPart);
    if (portMatch) {
      if (portMatch[1] !== '') result.port = portMatch[1];
      hostPart = hostPart.slice(0, hostPart.length - portMatch[0].length);
    }
    result.hostname = hostPart.toLowerCase();
    if (result.hostname.startsWith('[') && result.hostname.endsWith(']')) result.hostname = result.hostname.slice(1, -1);
    result.host = result.hostname.includes(':') ? `[${result.hostname}]` : result.hostname;
    if (result.port) result.host += `:${result.port}`;
  }
  if (rest !== '') result.pathname = rest;
  else if (result.slashes && slashedProtocols.has(result.protocol)) result.pathname = '/';
  if (result.search === '' && !parseQueryString) result.search = null;
  if (result.pathname !== null || result.search !== null) result.path = `${result.pathname || ''}${result.search || ''}`;
  result.href = format(result);
  return result;
}

function format(urlObject, options) {
  if (typeof urlObject === 'string') urlObject = parse(urlObject);
  else if (typeof urlObject !== 'object' || urlObject === null) {
    throw new codes.ERR_INVALID_ARG_TYPE('urlObject', ['Object', 'string'], urlObject);
  }
  if (isURL(urlObject)) {
    const { auth = true, fragment = true, search = true, unicode = false } = options || {};
    const copy = new URL(urlObject.href);
    if (!auth) {
      copy.username = '';
      copy.password = '';
    }
    if (!fragment) copy.hash = '';
    if (!search) copy.search = '';
    let href = copy.href;
    if (unicode && copy.hostname) href = href.replace(copy.hostname, domainToUnicode(copy.hostname));
    return href;
  }
  let auth = urlObject.auth || '';
  if (auth) auth = `${encodeURIComponent(auth).replace(/%3A/i, ':')}@`;
  let protocol = urlObject.protocol || '';
  let pathname = urlObject.pathname || '';
  let hash = urlObject.hash || '';
  let host = '';
  let query = '';
  if (urlObject.host) {
    host = auth + urlObject.host;
  } else if (urlObject.hostname) {
    host = auth + (urlObject.hostname.includes(':') ? `[${urlObject.hostname}]` : urlObject.hostname);
    if (urlObject.port) host += `:${urlObject.port}`;
  }
  if (urlObject.query !== null && typeof urlObject.query === 'object') query = require('querystring').stringify(urlObject.query);
  let search = urlObject.search || (query && `?${query}`) || '';
  if (protocol && !protocol.endsWith(':')) protocol += ':';
  if (urlObject.slashes || ((!protocol || slashedProtocols.has(protocol)) && host !== '')) {
    host = `//${host}`;
    if (pathname && pathname[0] !== '/') pathname = `/${pathname}`;
  }
  if (hash && hash[0] !== '#') hash = `#${hash}`;
  if (search && search[0] !== '?') search = `?${search}`;
  pathname = pathname.replace(/[?#]/g, (m) => encodeURIComponent(m));
  search = search.replace('#', '%23');
  return protocol + host + pathname + search + hash;
}

function resolve(from, to) {
  try {
    return new URL(to, from).href;
  } catch {
    const resolved = new URL(to, new URL(from, 'resolve://'));
    if (resolved.protocol === 'resolve:') {
      const { pathname, search, hash } = resolved;
      return pathname + search + hash;
    }
    return resolved.toString();
  }
}

function urlToHttpOptions(url) {
  const options = {
    protocol: url.protocol,
    hostname: url.hostname.startsWith('[') ? url.hostname.slice(1, -1) : url.hostname,
    hash: url.hash,
    search: url.search,
    pathname: url.pathname,
    path: `${url.pathname || ''}${url.search || ''}`,
    href: url.href,
  };
  if (url.port !== '') options.port = Number(url.port);
  if (url.username || url.password) options.auth = `${decodeURIComponent(url.username)}:${decodeURIComponent(url.password)}`;
  return options;
}

module.exports = {
  URL,
  URLSearchParams,
  Url,
  parse,
  format,
  resolve,
  resolveObject: (from, to) => parse(resolve(from, to)),
  fileURLToPath,
  pathToFileURL,
  domainToASCII,
  domainToUnicode,
  urlToHttpOptions,
};
