'use strict';
// node:querystring: parse and stringify application/x-www-form-urlencoded text the way
// Node's legacy module does (repeated keys become arrays, '+' is a space).

function qsUnescape(s) {
  try {
    return decodeURIComponent(s);
  } catch {
    return unescape(s);
  }
}

function qsEscape(str) {
  if (typeof str !== 'string') {
    if (typeof str === 'object') str = String(str);
    else str += '';
  }
  return encodeURIComponent(str).replace(/[!'()*]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`);
}

function stringifyPrimitive(v) {
  if (typeof v === 'string') return v;
  if (typeof v === 'number' && Number.isFinite(v)) return `${v}`;
  if (typeof v === 'bigint') return `${v}`;
  if (typeof v === 'boolean') return v ? 'true' : 'false';
  return '';
}

function stringify(obj, sep = '&', eq = '=', options) {
  const encode = (options && options.encodeURIComponent) || qsEscape;
  if (obj !== null && typeof obj === 'object') {
    const fields = [];
    for (const k of Object.keys(obj)) {
      const v = obj[k];
      const ks = encode(stringifyPrimitive(k)) + eq;
      if (Array.isArray(v)) {
        for (const item of v) fields.push(ks + encode(stringifyPrimitive(item)));
      } else {
        fields.push(ks + encode(stringifyPrimitive(v)));
      }
    }
    return fields.join(sep);
  }
  return '';
}

function parse(qs, sep = '&', eq = '=', options) {
  const obj = Object.create(null);
  if (typeof qs !== 'string' || qs.length === 0) return obj;
  const maxKeys = options && typeof options.maxKeys === 'number' ? options.maxKeys : 1000;
  const decode = (options && options.decodeURIComponent) || qsUnescape;
  let pairs = qs.split(sep);
  if (maxKeys > 0 && pairs.length > maxKeys) pairs = pairs.slice(0, maxKeys);
  for (const pair of pairs) {
    if (pair === '' && pairs.length > 1) continue;
    const x = pair.replace(/\+/g, '%20');
    const idx = x.indexOf(eq);
    const k = decode(idx >= 0 ? x.slice(0, idx) : x);
    const v = idx >= 0 ? decode(x.slice(idx + eq.length)) : '';
    if (k in obj) {
      if (Array.isArray(obj[k])) obj[k].push(v);
      else obj[k] = [obj[k], v];
    } else {
      obj[k] = v;
    }
  }
  return obj;
}

module.exports = { parse, stringify, decode: parse, encode: stringify, escape: qsEscape, unescape: qsUnescape, unescapeBuffer: (s) => Buffer.from(qsUnescape(s)) };
