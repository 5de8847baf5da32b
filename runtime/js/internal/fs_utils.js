'use strict';
// What the fs functions share: fs.constants, path arguments (strings, Buffers, file:
// URLs), open flags ('r', 'w+', ...) and modes, options objects, and the Stats and
// Dirent classes built from the binding's results.

const binding = internalBinding('fs');
const { constants: C } = binding;
const { codes, validateObject } = require('internal/errors');

const kType = Symbol('type');

const constants = Object.freeze({
  F_OK: C.F_OK, R_OK: C.R_OK, W_OK: C.W_OK, X_OK: C.X_OK,
  O_RDONLY: C.O_RDONLY, O_WRONLY: C.O_WRONLY, O_RDWR: C.O_RDWR, O_CREAT: C.O_CREAT, O_EXCL: C.O_EXCL,
  O_TRUNC: C.O_TRUNC, O_APPEND: C.O_APPEND, O_SYNC: C.O_SYNC, O_NOFOLLOW: C.O_NOFOLLOW,
  O_DIRECTORY: C.O_DIRECTORY, O_NONBLOCK: C.O_NONBLOCK,
  S_IFMT: C.S_IFMT, S_IFREG: C.S_IFREG, S_IFDIR: C.S_IFDIR, S_IFCHR: C.S_IFCHR, S_IFBLK: C.S_IFBLK,
  S_IFIFO: C.S_IFIFO, S_IFLNK: C.S_IFLNK, S_IFSOCK: C.S_IFSOCK,
  COPYFILE_EXCL: C.COPYFILE_EXCL, COPYFILE_FICLONE: C.COPYFILE_FICLONE, COPYFILE_FICLONE_FORCE: C.COPYFILE_FICLONE_FORCE,
  UV_DIRENT_UNKNOWN: C.UV_DIRENT_UNKNOWN, UV_DIRENT_FILE: C.UV_DIRENT_FILE, UV_DIRENT_DIR: C.UV_DIRENT_DIR,
  UV_DIRENT_LINK: C.UV_DIRENT_LINK, UV_DIRENT_FIFO: C.UV_DIRENT_FIFO, UV_DIRENT_SOCKET: C.UV_DIRENT_SOCKET,
  UV_DIRENT_CHAR: C.UV_DIRENT_CHAR, UV_DIRENT_BLOCK: C.UV_DIRENT_BLOCK,
});

function toPath(path, name = 'path') {
  if (typeof path === 'string') {
    if (path.includes('\u0000')) throw new codes.ERR_INVALID_ARG_VALUE(name, path, 'must be a string, Uint8Array, or URL without null bytes');
    return path;
  }
  if (path instanceof Uint8Array) return Buffer.from(path.buffer, path.byteOffset, path.byteLength).toString();
  if (path !== null && typeof path === 'object' && typeof path.href === 'string' && path.protocol !== undefined) {
    return require('url').fileURLToPath(path);
  }
  throw new codes.ERR_INVALID_ARG_TYPE(name, ['string', 'Buffer', 'URL'], path);
}

function stringToFlags(flags, fallback) {
  if (flags === undefined || flags === null) return fallback;
  if (typeof flags === 'number') return flags;
  switch (flags) {
    case 'r': return C.O_RDONLY;
    case 'rs': case 'sr': return C.O_RDONLY | C.O_SYNC;
    case 'r+': return C.O_RDWR;
    case 'rs+': case 'sr+': return C.O_RDWR | C.O_SYNC;
    case 'w': return C.O_TRUNC | C.O_CREAT | C.O_WRONLY;
    case 'wx': case 'xw': return C.O_TRUNC | C.O_CREAT | C.O_WRONLY | C.O_EXCL;
    case 'w+': return C.O_TRUNC | C.O_CREAT | C.O_RDWR;
    case 'wx+': case 'xw+': return C.O_TRUNC | C.O_CREAT | C.O_RDWR | C.O_EXCL;
    case 'a': return C.O_APPEND | C.O_CREAT | C.O_WRONLY;
    case 'ax': case 'xa': return C.O_APPEND | C.O_CREAT | C.O_WRONLY | C.O_EXCL;
    case 'as': case 'sa': return C.O_APPEND | C.O_CREAT | C.O_WRONLY | C.O_SYNC;
    case 'a+': return C.O_APPEND | C.O_CREAT | C.O_RDWR;
    case 'ax+': case 'xa+': return C.O_APPEND | C.O_CREAT | C.O_RDWR | C.O_EXCL;
    case 'as+': case 'sa+': return C.O_APPEND | C.O_CREAT | C.O_RDWR | C.O_SYNC;
    default:
      throw new codes.ERR_INVALID_ARG_VALUE('flags', flags);
  }
}

function parseMode(mode, fallback) {
  if (mode === undefined || mode === null) return fallback;
  if (typeof mode === 'string') return Number.parseInt(mode, 8);
  return mode;
}

function getOptions(options, defaults) {
  if (options === undefined || options === null || typeof options === 'function') return defaults;
  if (typeof options === 'string') return { ...defaults, encoding: options };
  validateObject(options, 'options');
  return { ...defaults, ...options };
}

function dateFromMs(ms) {
  return new Date(Math.round(Number(ms)));
}

class Stats {
  constructor(dev, mode, nlink, uid, gid, rdev, blksize, ino, size, blocks, atimeMs, mtimeMs, ctimeMs, birthtimeMs) {
    this.dev = dev;
    this.mode = mode;
    this.nlink = nlink;
    this.uid = uid;
    this.gid = gid;
    this.rdev = rdev;
    this.blksize = blksize;
    this.ino = ino;
    this.size = size;
    this.blocks = blocks;
    this.atimeMs = atimeMs;
    this.mtimeMs = mtimeMs;
    this.ctimeMs = ctimeMs;
    this.birthtimeMs = birthtimeMs;
    this.atime = dateFromMs(atimeMs);
    this.mtime = dateFromMs(mtimeMs);
    this.ctime = dateFromMs(ctimeMs);
    this.birthtime = dateFromMs(birthtimeMs);
  }
  isDirectory() { return (this.mode & C.S_IFMT) === C.S_IFDIR; }
  isFile() { return (this.mode & C.S_IFMT) === C.S_IFREG; }
  isBlockDevice() { return (this.mode & C.S_IFMT) === C.S_IFBLK; }
  isCharacterDevice() { return (this.mode & C.S_IFMT) === C.S_IFCHR; }
  isSymbolicLink() { return (this.mode & C.S_IFMT) === C.S_IFLNK; }
  isFIFO() { return (this.mode & C.S_IFMT) === C.S_IFIFO; }
  isSocket() { return (this.mode & C.S_IFMT) === C.S_IFSOCK; }
}

function toStats(array, bigint) {
  if (array === undefined) return undefined;
  const values = Array.from(array);
  if (bigint) {
    const stats = new Stats(...values.map((v, i) => (i < 10 ? BigInt(Math.trunc(v)) : v)));
    return stats;
  }
  return new Stats(...values);
}

class Dirent {
  constructor(name, type, path) {
    this.name = name;
    this.parentPath = path;
    this.path = path;
    this[kType] = type;
  }
  isDirectory() { return this[kType] === C.UV_DIRENT_DIR; }
  isFile() { return this[kType] === C.UV_DIRENT_FILE; }
  isBlockDevice() { return this[kType] === C.UV_DIRENT_BLOCK; }
  isCharacterDevice() { return this[kType] === C.UV_DIRENT_CHAR; }
  isSymbolicLink() { return this[kType] === C.UV_DIRENT_LINK; }
  isFIFO() { return this[kType] === C.UV_DIRENT_FIFO; }
  isSocket() { return this[kType] === C.UV_DIRENT_SOCKET; }
}

function decodeData(bytes, encoding) {
  if (!encoding || encoding === 'buffer') return Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  return Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength).toString(encoding);
}

function isUtf8(encoding) {
  return encoding === 'utf8' || encoding === 'utf-8';
}

function dataBytes(data, encoding) {
  if (typeof data === 'string') return isUtf8(encoding || 'utf8') ? data : Buffer.from(data, encoding);
  if (ArrayBuffer.isView(data)) return data;
  throw new codes.ERR_INVALID_ARG_TYPE('data', ['string', 'Buffer', 'TypedArray', 'DataView'], data);
}

function direntType(stats) {
  if (stats.isFile()) return C.UV_DIRENT_FILE;
  if (stats.isDirectory()) return C.UV_DIRENT_DIR;
  if (stats.isSymbolicLink()) return C.UV_DIRENT_LINK;
  if (stats.isFIFO()) return C.UV_DIRENT_FIFO;
  if (stats.isSocket()) return C.UV_DIRENT_SOCKET;
  if (stats.isCharacterDevice()) return C.UV_DIRENT_CHAR;
  if (stats.isBlockDevice()) return C.UV_DIRENT_BLOCK;
  return C.UV_DIRENT_UNKNOWN;
}


module.exports = {
  binding, C, constants, kType, toPath, stringToFlags, parseMode, getOptions, Stats, toStats, Dirent, decodeData,
  isUtf8, dataBytes, direntType,
};
