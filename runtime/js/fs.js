'use strict';
// node:fs: synchronous, callback and promise forms over internalBinding('fs'), whose
// functions run now (and throw Node's system errors) or on libuv's thread pool (and
// return a promise). Paths may be strings, Buffers or file: URLs.

const binding = internalBinding('fs');
const { constants: C } = binding;
const pathModule = require('path');
const { codes, validateFunction, validateObject } = require('internal/errors');

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

function finishReaddir(dir, [names, types], options) {
  if (options.withFileTypes) {
    return names.map((name, i) => {
      let type = types[i];
      if (type === C.UV_DIRENT_UNKNOWN) {
        try {
          type = direntType(lstatSync(pathModule.join(dir, name)));
        } catch {
          // Leave it unknown.
        }
      }
      return new Dirent(options.encoding === 'buffer' ? Buffer.from(name) : name, type, dir);
    });
  }
  return options.encoding === 'buffer' ? names.map((n) => Buffer.from(n)) : names;
}

// --- Synchronous -----------------------------------------------------------------------

function existsSync(path) {
  try {
    path = toPath(path);
  } catch {
    return false;
  }
  return binding.exists(path);
}

function readFileSync(path, options) {
  options = getOptions(options, { flag: 'r' });
  const flags = stringToFlags(options.flag, C.O_RDONLY);
  const target = typeof path === 'number' ? path : toPath(path);
  if (isUtf8(options.encoding)) return binding.readFile(target, flags, true, false);
  return decodeData(binding.readFile(target, flags, false, false), options.encoding);
}

function writeFileSync(path, data, options) {
  options = getOptions(options, { encoding: 'utf8', mode: 0o666, flag: 'w' });
  const bytes = dataBytes(data, options.encoding);
  if (typeof path === 'number') {
    binding.write(path, bytes, -1, false);
    return;
  }
  binding.writeFile(toPath(path), bytes, stringToFlags(options.flag, C.O_TRUNC | C.O_CREAT | C.O_WRONLY),
    parseMode(options.mode, 0o666), false);
}

function appendFileSync(path, data, options) {
  options = getOptions(options, { encoding: 'utf8', mode: 0o666, flag: 'a' });
  writeFileSync(path, data, { ...options, flag: options.flag || 'a' });
}

function statSync(path, options = {}) {
  return toStats(binding.stat(toPath(path), options.throwIfNoEntry !== false, false), options.bigint);
}
function lstatSync(path, options = {}) {
  return toStats(binding.lstat(toPath(path), options.throwIfNoEntry !== false, false), options.bigint);
}
function fstatSync(fd, options = {}) {
  return toStats(binding.fstat(fd, false), options.bigint);
}

function readdirSync(path, options) {
  options = getOptions(options, {});
  const dir = toPath(path);
  if (options.recursive) return readdirRecursiveSync(dir, options);
  return finishReaddir(dir, binding.readdir(dir, false), options);
}

function readdirRecursiveSync(root, options) {
  const results = [];
  const pending = [root];
  while (pending.length) {
    const dir = pending.shift();
    const entries = finishReaddir(dir, binding.readdir(dir, false), { withFileTypes: true });
    for (const entry of entries) {
      const full = pathModule.join(dir, entry.name);
      const relative = pathModule.relative(root, full);
      results.push(options.withFileTypes ? entry : relative);
      if (entry.isDirectory()) pending.push(full);
    }
  }
  return results;
}

function mkdirSync(path, options) {
  let mode = 0o777;
  let recursive = false;
  if (typeof options === 'number' || typeof options === 'string') mode = parseMode(options, 0o777);
  else if (options) {
    recursive = !!options.recursive;
    mode = parseMode(options.mode, 0o777);
  }
  return binding.mkdir(toPath(path), mode, recursive, false);
}

function rmdirSync(path, options) {
  if (options && options.recursive) return rmSync(path, { recursive: true, force: true });
  binding.rmdir(toPath(path), false);
}

function rmSync(path, options = {}) {
  binding.rm(toPath(path), !!options.recursive, !!options.force, false);
}

const unlinkSync = (path) => binding.unlink(toPath(path), false);
const renameSync = (from, to) => binding.rename(toPath(from, 'oldPath'), toPath(to, 'newPath'), false);
const copyFileSync = (from, to, mode = 0) => binding.copyFile(toPath(from, 'src'), toPath(to, 'dest'), mode, false);
const symlinkSync = (target, path, type) => binding.symlink(toPath(target, 'target'), toPath(path), type === 'dir' || type === 'junction' ? C.UV_FS_SYMLINK_DIR : 0, false);
const linkSync = (existing, path) => binding.link(toPath(existing, 'existingPath'), toPath(path, 'newPath'), false);
function readlinkSync(path, options) {
  options = getOptions(options, {});
  const result = binding.readlink(toPath(path), false);
  return options.encoding === 'buffer' ? Buffer.from(result) : result;
}
function realpathSync(path, options) {
  options = getOptions(options, {});
  const result = binding.realpath(toPath(path), false);
  return options.encoding === 'buffer' ? Buffer.from(result) : result;
}
realpathSync.native = realpathSync;
const accessSync = (path, mode = C.F_OK) => binding.access(toPath(path), mode, false);
const chmodSync = (path, mode) => binding.chmod(toPath(path), parseMode(mode), false);
const lchmodSync = chmodSync;
function toUnixTime(time) {
  if (typeof time === 'number') return time;
  if (time instanceof Date) return time.getTime() / 1000;
  if (typeof time === 'string' && +time === +time) return +time;
  throw new codes.ERR_INVALID_ARG_TYPE('time', ['Date', 'Time in seconds'], time);
}
const utimesSync = (path, atime, mtime) => binding.utimes(toPath(path), toUnixTime(atime), toUnixTime(mtime), false);
const lutimesSync = utimesSync;
const openSync = (path, flags, mode) => binding.open(toPath(path), stringToFlags(flags, C.O_RDONLY), parseMode(mode, 0o666), false);
const closeSync = (fd) => binding.close(fd, false);
function readSync(fd, buffer, offsetOrOptions, length, position) {
  let offset = offsetOrOptions;
  if (offsetOrOptions !== null && typeof offsetOrOptions === 'object') {
    ({ offset = 0, length = buffer.byteLength - offset, position = null } = offsetOrOptions);
  }
  if (offset === undefined) offset = 0;
  if (length === undefined) length = buffer.byteLength - offset;
  return binding.read(fd, buffer, offset, length, position === null || position === undefined ? -1 : Number(position), false);
}
function writeSync(fd, buffer, offsetOrOptions, length, position) {
  if (typeof buffer === 'string') {
    const pos = typeof offsetOrOptions === 'number' ? offsetOrOptions : -1;
    const enc = typeof length === 'string' ? length : 'utf8';
    return binding.write(fd, isUtf8(enc) ? buffer : Buffer.from(buffer, enc), pos, false);
  }
  let offset = typeof offsetOrOptions === 'number' ? offsetOrOptions : 0;
  if (offsetOrOptions && typeof offsetOrOptions === 'object') ({ offset = 0, length, position } = offsetOrOptions);
  if (length === undefined) length = buffer.byteLength - offset;
  const view = new Uint8Array(buffer.buffer, buffer.byteOffset + offset, length);
  return binding.write(fd, view, position === null || position === undefined ? -1 : position, false);
}
const fsyncSync = (fd) => binding.fsync(fd, false);
const fdatasyncSync = fsyncSync;
const ftruncateSync = (fd, len = 0) => binding.ftruncate(fd, len, false);
function truncateSync(path, len = 0) {
  const fd = openSync(path, 'r+');
  try {
    ftruncateSync(fd, len);
  } finally {
    closeSync(fd);
  }
}
const mkdtempSync = (prefix) => binding.mkdtemp(toPath(prefix, 'prefix'), false);

function cpSync(src, dest, options = {}) {
  src = toPath(src, 'src');
  dest = toPath(dest, 'dest');
  const stats = lstatSync(src);
  if (stats.isDirectory()) {
    if (!options.recursive) throw Object.assign(new Error(`Recursive option is required to copy a directory: ${src}`), { code: 'ERR_FS_EISDIR' });
    mkdirSync(dest, { recursive: true });
    for (const name of readdirSync(src)) cpSync(pathModule.join(src, name), pathModule.join(dest, name), options);
  } else if (stats.isSymbolicLink()) {
    symlinkSync(readlinkSync(src), dest);
  } else {
    if (options.force === false && existsSync(dest)) {
      if (options.errorOnExist) throw Object.assign(new Error(`Target already exists: ${dest}`), { code: 'ERR_FS_CP_EEXIST' });
      return;
    }
    copyFileSync(src, dest);
  }
}

// --- Promises ----------------------------------------------------------------------------

class FileHandle {
  constructor(fd) {
    this.fd = fd;
  }
  getAsyncId() {
    return this.fd;
  }
  async read(buffer, offset, length, position) {
    if (buffer === undefined || (buffer !== null && typeof buffer === 'object' && !ArrayBuffer.isView(buffer))) {
      ({ buffer = Buffer.alloc(16384), offset = 0, length = buffer.byteLength - offset, position = null } = buffer || {});
    }
    if (offset === undefined) offset = 0;
    if (length === undefined) length = buffer.byteLength - offset;
    const bytesRead = await binding.read(this.fd, buffer, offset, length, position == null ? -1 : Number(position), true);
    return { bytesRead, buffer };
  }
  async write(data, offsetOrPosition, length, position) {
    if (typeof data === 'string') {
      const bytesWritten = await binding.write(this.fd, data, typeof offsetOrPosition === 'number' ? offsetOrPosition : -1, true);
      return { bytesWritten, buffer: data };
    }
    const offset = offsetOrPosition || 0;
    if (length === undefined) length = data.byteLength - offset;
    const view = new Uint8Array(data.buffer, data.byteOffset + offset, length);
    const bytesWritten = await binding.write(this.fd, view, position == null ? -1 : position, true);
    return { bytesWritten, buffer: data };
  }
  async readFile(options) {
    options = getOptions(options, {});
    const bytes = await binding.readFile(this.fd, 0, false, true);
    return decodeData(bytes, options.encoding);
  }
  async writeFile(data, options) {
    options = getOptions(options, { encoding: 'utf8' });
    await binding.write(this.fd, dataBytes(data, options.encoding), -1, true);
  }
  appendFile(data, options) {
    return this.writeFile(data, options);
  }
  async stat(options = {}) {
    return toStats(await binding.fstat(this.fd, true), options.bigint);
  }
  async truncate(len = 0) {
    await binding.ftruncate(this.fd, len, true);
  }
  async sync() {
    await binding.fsync(this.fd, true);
  }
  async close() {
    if (this.fd === -1) return;
    const fd = this.fd;
    this.fd = -1;
    await binding.close(fd, true);
  }
  async [Symbol.asyncDispose]() {
    await this.close();
  }
}

const promises = {
  async access(path, mode = C.F_OK) {
    await binding.access(toPath(path), mode, true);
  },
  async readFile(path, options) {
    options = getOptions(options, { flag: 'r' });
    const flags = stringToFlags(options.flag, C.O_RDONLY);
    if (path instanceof FileHandle) return path.readFile(options);
    const target = typeof path === 'number' ? path : toPath(path);
    if (isUtf8(options.encoding)) return binding.readFile(target, flags, true, true);
    return decodeData(await binding.readFile(target, flags, false, true), options.encoding);
  },
  async writeFile(path, data, options) {
    options = getOptions(options, { encoding: 'utf8', mode: 0o666, flag: 'w' });
    if (path instanceof FileHandle) return path.writeFile(data, options);
    if (typeof data !== 'string' && !ArrayBuffer.isView(data) && data && (data[Symbol.asyncIterator] || data[Symbol.iterator])) {
      const chunks = [];
      for await (const chunk of data) chunks.push(typeof chunk === 'string' ? Buffer.from(chunk, options.encoding) : chunk);
      data = Buffer.concat(chunks);
    }
    await binding.writeFile(toPath(path), dataBytes(data, options.encoding),
      stringToFlags(options.flag, C.O_TRUNC | C.O_CREAT | C.O_WRONLY), parseMode(options.mode, 0o666), true);
  },
  async appendFile(path, data, options) {
    options = getOptions(options, { encoding: 'utf8', mode: 0o666, flag: 'a' });
    return promises.writeFile(path, data, { ...options, flag: options.flag || 'a' });
  },
  async stat(path, options = {}) {
    return toStats(await binding.stat(toPath(path), true, true), options.bigint);
  },
  async lstat(path, options = {}) {
    return toStats(await binding.lstat(toPath(path), true, true), options.bigint);
  },
  async readdir(path, options) {
    options = getOptions(options, {});
    const dir = toPath(path);
    if (options.recursive) return readdirRecursiveSync(dir, options);
    return finishReaddir(dir, await binding.readdir(dir, true), options);
  },
  async mkdir(path, options) {
    let mode = 0o777;
    let recursive = false;
    if (typeof options === 'number' || typeof options === 'string') mode = parseMode(options, 0o777);
    else if (options) {
      recursive = !!options.recursive;
      mode = parseMode(options.mode, 0o777);
    }
    return binding.mkdir(toPath(path), mode, recursive, true);
  },
  async rmdir(path, options) {
    if (options && options.recursive) return promises.rm(path, { recursive: true, force: true });
    await binding.rmdir(toPath(path), true);
  },
  async rm(path, options = {}) {
    await binding.rm(toPath(path), !!options.recursive, !!options.force, true);
  },
  async unlink(path) {
    await binding.unlink(toPath(path), true);
  },
  async rename(from, to) {
    await binding.rename(toPath(from, 'oldPath'), toPath(to, 'newPath'), true);
  },
  async copyFile(from, to, mode = 0) {
    await binding.copyFile(toPath(from, 'src'), toPath(to, 'dest'), mode, true);
  },
  async cp(src, dest, options) {
    cpSync(src, dest, options);
  },
  async symlink(target, path, type) {
    await binding.symlink(toPath(target, 'target'), toPath(path), type === 'dir' || type === 'junction' ? C.UV_FS_SYMLINK_DIR : 0, true);
  },
  async link(existing, path) {
    await binding.link(toPath(existing, 'existingPath'), toPath(path, 'newPath'), true);
  },
  async readlink(path, options) {
    options = getOptions(options, {});
    const result = await binding.readlink(toPath(path), true);
    return options.encoding === 'buffer' ? Buffer.from(result) : result;
  },
  async realpath(path, options) {
    options = getOptions(options, {});
    const result = await binding.realpath(toPath(path), true);
    return options.encoding === 'buffer' ? Buffer.from(result) : result;
  },
  async chmod(path, mode) {
    await binding.chmod(toPath(path), parseMode(mode), true);
  },
  async utimes(path, atime, mtime) {
    await binding.utimes(toPath(path), toUnixTime(atime), toUnixTime(mtime), true);
  },
  async truncate(path, len = 0) {
    const handle = await promises.open(path, 'r+');
    try {
      await handle.truncate(len);
    } finally {
      await handle.close();
    }
  },
  async mkdtemp(prefix) {
    return binding.mkdtemp(toPath(prefix, 'prefix'), true);
  },
  async open(path, flags, mode) {
    const fd = await binding.open(toPath(path), stringToFlags(flags, C.O_RDONLY), parseMode(mode, 0o666), true);
    return new FileHandle(fd);
  },
  constants,
};
promises.lutimes = promises.utimes;
promises.lchmod = promises.chmod;

// --- Callbacks ---------------------------------------------------------------------------

function callbackify(name, promiseFn) {
  const fn = function (...args) {
    const callback = args.pop();
    validateFunction(callback, 'cb');
    promiseFn(...args).then((value) => process.nextTick(callback, null, value), (error) => process.nextTick(callback, error));
  };
  Object.defineProperty(fn, 'name', { value: name });
  return fn;
}

function exists(path, callback) {
  validateFunction(callback, 'cb');
  promises.access(path).then(() => process.nextTick(callback, true), () => process.nextTick(callback, false));
}

function read(fd, buffer, offset, length, position, callback) {
  if (typeof buffer === 'function') {
    callback = buffer;
    buffer = Buffer.alloc(16384);
    offset = 0;
    length = buffer.byteLength;
    position = null;
  } else if (typeof offset === 'function') {
    callback = offset;
    offset = 0;
    length = buffer.byteLength;
    position = null;
  } else if (offset !== null && typeof offset === 'object' && typeof length === 'function') {
    callback = length;
    ({ offset = 0, length = buffer.byteLength - offset, position = null } = offset);
  }
  validateFunction(callback, 'cb');
  binding.read(fd, buffer, offset, length, position == null ? -1 : Number(position), true)
    .then((bytesRead) => process.nextTick(callback, null, bytesRead, buffer), (error) => process.nextTick(callback, error));
}

function write(fd, buffer, ...rest) {
  const callback = rest.pop();
  validateFunction(callback, 'cb');
  let promise;
  if (typeof buffer === 'string') {
    const position = typeof rest[0] === 'number' ? rest[0] : -1;
    promise = binding.write(fd, buffer, position, true);
  } else {
    const [offset = 0, length = buffer.byteLength - offset, position = null] = rest;
    promise = binding.write(fd, new Uint8Array(buffer.buffer, buffer.byteOffset + offset, length), position == null ? -1 : position, true);
  }
  promise.then((written) => process.nextTick(callback, null, written, buffer), (error) => process.nextTick(callback, error));
}

function withOptionalOptions(name, promiseFn) {
  return function (...args) {
    const callback = args.pop();
    validateFunction(callback, 'cb');
    promiseFn(...args).then((value) => process.nextTick(callback, null, value), (error) => process.nextTick(callback, error));
  };
}

// --- Streams -------------------------------------------------------------------------------

function lazyStream() {
  return require('stream');
}

function createReadStream(path, options) {
  options = getOptions(options, {});
  const { Readable } = lazyStream();
  let fd = options.fd !== undefined ? options.fd : null;
  let position = options.start !== undefined ? options.start : -1;
  const end = options.end !== undefined ? options.end : Infinity;
  const highWaterMark = options.highWaterMark || 64 * 1024;
  const stream = new Readable({
    highWaterMark,
    encoding: options.encoding,
    construct(callback) {
      if (fd !== null) {
        callback();
        return;
      }
      binding.open(toPath(path), stringToFlags(options.flags, C.O_RDONLY), parseMode(options.mode, 0o666), true)
        .then((opened) => {
          fd = opened;
          stream.fd = fd;
          stream.emit('open', fd);
          stream.emit('ready');
          callback();
        }, callback);
    },
    read(size) {
      let toRead = Math.min(size, highWaterMark);
      if (position >= 0 && end !== Infinity) toRead = Math.min(toRead, end - position + 1);
      if (toRead <= 0) {
        this.push(null);
        return;
      }
      const buffer = Buffer.allocUnsafe(toRead);
      binding.read(fd, buffer, 0, toRead, position, true).then((bytesRead) => {
        if (position >= 0) position += bytesRead;
        stream.bytesRead += bytesRead;
        this.push(bytesRead > 0 ? buffer.subarray(0, bytesRead) : null);
      }, (error) => this.destroy(error));
    },
    destroy(error, callback) {
      if (fd === null || options.autoClose === false) {
        callback(error);
        return;
      }
      binding.close(fd, true).then(() => callback(error), (closeError) => callback(error || closeError));
    },
  });
  stream.path = typeof path === 'string' ? path : undefined;
  stream.fd = fd;
  stream.bytesRead = 0;
  stream.close = (callback) => stream.destroy(null, callback);
  return stream;
}

function createWriteStream(path, options) {
  options = getOptions(options, {});
  const { Writable } = lazyStream();
  let fd = options.fd !== undefined ? options.fd : null;
  let position = options.start !== undefined ? options.start : -1;
  const stream = new Writable({
    highWaterMark: options.highWaterMark,
    decodeStrings: true,
    construct(callback) {
      if (fd !== null) {
        callback();
        return;
      }
      binding.open(toPath(path), stringToFlags(options.flags, C.O_TRUNC | C.O_CREAT | C.O_WRONLY), parseMode(options.mode, 0o666), true)
        .then((opened) => {
          fd = opened;
          stream.fd = fd;
          stream.emit('open', fd);
          stream.emit('ready');
          callback();
        }, callback);
    },
    write(chunk, encoding, callback) {
      binding.write(fd, chunk, position, true).then((written) => {
        if (position >= 0) position += written;
        stream.bytesWritten += written;
        callback();
      }, callback);
    },
    destroy(error, callback) {
      if (fd === null || options.autoClose === false) {
        callback(error);
        return;
      }
      binding.close(fd, true).then(() => callback(error), (closeError) => callback(error || closeError));
    },
  });
  stream.path = typeof path === 'string' ? path : undefined;
  stream.fd = fd;
  stream.bytesWritten = 0;
  stream.close = (callback) => {
    if (callback) stream.once('close', callback);
    stream.end();
  };
  return stream;
}

function notSupported(name) {
  return () => {
    throw new codes.ERR_METHOD_NOT_IMPLEMENTED(`fs.${name}`);
  };
}

module.exports = {
  constants,
  Stats,
  Dirent,
  existsSync,
  readFileSync,
  writeFileSync,
  appendFileSync,
  statSync,
  lstatSync,
  fstatSync,
  readdirSync,
  mkdirSync,
  rmdirSync,
  rmSync,
  unlinkSync,
  renameSync,
  copyFileSync,
  cpSync,
  symlinkSync,
  linkSync,
  readlinkSync,
  realpathSync,
  accessSync,
  chmodSync,
  lchmodSync,
  utimesSync,
  lutimesSync,
  openSync,
  closeSync,
  readSync,
  writeSync,
  fsyncSync,
  fdatasyncSync,
  ftruncateSync,
  truncateSync,
  mkdtempSync,
  exists,
  readFile: withOptionalOptions('readFile', promises.readFile),
  writeFile: withOptionalOptions('writeFile', promises.writeFile),
  appendFile: withOptionalOptions('appendFile', promises.appendFile),
  stat: withOptionalOptions('stat', promises.stat),
  lstat: withOptionalOptions('lstat', promises.lstat),
  fstat: callbackify('fstat', async (fd, options = {}) => toStats(await binding.fstat(fd, true), options.bigint)),
  readdir: withOptionalOptions('readdir', promises.readdir),
  mkdir: withOptionalOptions('mkdir', promises.mkdir),
  rmdir: withOptionalOptions('rmdir', promises.rmdir),
  rm: withOptionalOptions('rm', promises.rm),
  unlink: callbackify('unlink', promises.unlink),
  rename: callbackify('rename', promises.rename),
  copyFile: withOptionalOptions('copyFile', promises.copyFile),
  cp: withOptionalOptions('cp', promises.cp),
  symlink: withOptionalOptions('symlink', promises.symlink),
  link: callbackify('link', promises.link),
  readlink: withOptionalOptions('readlink', promises.readlink),
  realpath: Object.assign(withOptionalOptions('realpath', promises.realpath), { native: withOptionalOptions('realpath', promises.realpath) }),
  access: withOptionalOptions('access', promises.access),
  chmod: callbackify('chmod', promises.chmod),
  utimes: callbackify('utimes', promises.utimes),
  truncate: withOptionalOptions('truncate', promises.truncate),
  mkdtemp: withOptionalOptions('mkdtemp', promises.mkdtemp),
  open: withOptionalOptions('open', async (path, flags, mode) => binding.open(toPath(path), stringToFlags(flags, C.O_RDONLY), parseMode(mode, 0o666), true)),
  close: (fd, callback = () => {}) => binding.close(fd, true).then(() => process.nextTick(callback, null), (e) => process.nextTick(callback, e)),
  fsync: callbackify('fsync', (fd) => binding.fsync(fd, true)),
  ftruncate: withOptionalOptions('ftruncate', (fd, len = 0) => binding.ftruncate(fd, len, true)),
  read,
  write,
  createReadStream,
  createWriteStream,
  watch: notSupported('watch'),
  watchFile: notSupported('watchFile'),
  unwatchFile: () => {},
  promises,
  F_OK: C.F_OK,
  R_OK: C.R_OK,
  W_OK: C.W_OK,
  X_OK: C.X_OK,
};
