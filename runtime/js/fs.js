'use strict';
// node:fs: synchronous, callback and promise forms over internalBinding('fs'), whose
// functions run now (and throw Node's system errors) or on libuv's thread pool (and
// return a promise). Paths may be strings, Buffers or file: URLs. Shared helpers are in
// internal/fs_utils, the stream classes in internal/fs_streams.

const pathModule = require('path');
const { codes, validateFunction } = require('internal/errors');
const {
  binding, C, constants, kType, toPath, stringToFlags, parseMode, getOptions, Stats, toStats, Dirent, decodeData,
  isUtf8, dataBytes, direntType,
} = require('internal/fs_utils');
const { createReadStream, createWriteStream } = require('internal/fs_streams');

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

// fs.Dir: the entries of a folder, read at opendir time (lode lists a folder in one go).
class Dir {
  #entries;
  #closed = false;
  constructor(path, entries) {
    this.path = path;
    this.#entries = entries;
  }
  readSync() {
    if (this.#closed) throw Object.assign(new Error('Directory handle was closed'), { code: 'ERR_DIR_CLOSED' });
    return this.#entries.length ? this.#entries.shift() : null;
  }
  async read(callback) {
    const entry = this.readSync();
    if (typeof callback === 'function') {
      process.nextTick(callback, null, entry);
      return undefined;
    }
    return entry;
  }
  closeSync() {
    this.#closed = true;
  }
  async close(callback) {
    this.#closed = true;
    if (typeof callback === 'function') process.nextTick(callback, null);
  }
  async *[Symbol.asyncIterator]() {
    try {
      let entry;
      while ((entry = this.readSync()) !== null) yield entry;
    } finally {
      this.#closed = true;
    }
  }
  *entries() {
    let entry;
    while ((entry = this.readSync()) !== null) yield entry;
  }
}

function opendirSync(path, options) {
  const dir = toPath(path);
  return new Dir(dir, readdirSync(dir, { ...getOptions(options, {}), withFileTypes: true }));
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
  async opendir(path, options) {
    const dir = toPath(path);
    return new Dir(dir, await promises.readdir(dir, { ...getOptions(options, {}), withFileTypes: true }));
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
  opendirSync,
  opendir: withOptionalOptions('opendir', promises.opendir),
  Dir,
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
