'use strict';
// fs.createReadStream and fs.createWriteStream: streams over a descriptor, reading and
// writing on libuv's thread pool.

const { binding, C, toPath, stringToFlags, parseMode, getOptions } = require('internal/fs_utils');

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

module.exports = { createReadStream, createWriteStream };
