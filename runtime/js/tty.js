'use strict';
// node:tty: isatty and the classes of process.stdout/stdin on a terminal.
const stdio = internalBinding('stdio');
const { StdioWriteStream } = require('internal/stdio');

module.exports = {
  isatty: (fd) => Number.isInteger(fd) && fd >= 0 && stdio.isatty(fd),
  WriteStream: StdioWriteStream,
  ReadStream: class ReadStream {
    constructor() {
      throw new Error('tty.ReadStream: use process.stdin');
    }
  },
};
