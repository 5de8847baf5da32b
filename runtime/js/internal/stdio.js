'use strict';
// process.stdout, process.stderr and process.stdin. Output streams write synchronously
// (as Node does on Linux for files, terminals and pipes), so nothing is lost at exit;
// they are Writable streams with Node's tty extras (isTTY, columns, rows, color depth,
// cursor control) when the descriptor is a terminal. stdin is a Readable fed by the
// loop's reader in internalBinding('stdio').

const stdio = internalBinding('stdio');
const { Writable, Readable } = require('stream');

// tty.WriteStream.getColorDepth: Node's reading of FORCE_COLOR, NO_COLOR, TERM and
// friends (1, 4, 8 or 24 bits).
const TERM_ENVS = {
  eterm: 4, cons25: 4, console: 4, cygwin: 4, dtterm: 4, gnome: 4, hurd: 4, jfbterm: 4, konsole: 4, kterm: 4,
  mlterm: 4, mosh: 24, putty: 4, st: 4, 'rxvt-unicode-24bit': 24, terminator: 24, 'xterm-kitty': 24,
};
const TERM_ENVS_REG_EXP = [/ansi/, /color/, /linux/, /^con[0-9]*x[0-9]/, /^rxvt/, /^screen/, /^xterm/, /^vt100/];

function colorDepthFor(env) {
  if (env.FORCE_COLOR !== undefined) {
    switch (env.FORCE_COLOR) {
      case '':
      case '1':
      case 'true':
        return 4;
      case '2':
        return 8;
      case '3':
        return 24;
      default:
        return 1;
    }
  }
  if (env.NODE_DISABLE_COLORS !== undefined || env.NO_COLOR !== undefined || env.TERM === 'dumb') return 1;
  if (env.TMUX) return 24;
  if (env.CI) {
    if (['APPVEYOR', 'BUILDKITE', 'CIRCLECI', 'DRONE', 'GITHUB_ACTIONS', 'GITLAB_CI', 'TRAVIS'].some((name) => name in env) ||
        env.CI_NAME === 'codeship') return 8;
    return 1;
  }
  if ('TEAMCITY_VERSION' in env) return /^(9\.(0*[1-9]\d*)\.|\d{2,}\.)/.test(env.TEAMCITY_VERSION) ? 4 : 1;
  switch (env.TERM_PROGRAM) {
    case 'iTerm.app':
      if (!env.TERM_PROGRAM_VERSION || /^[0-2]\./.test(env.TERM_PROGRAM_VERSION)) return 8;
      return 24;
    case 'HyperTerm':
    case 'MacTerm':
      return 24;
    case 'Apple_Terminal':
      return 8;
    default:
      break;
  }
  if (env.COLORTERM === 'truecolor' || env.COLORTERM === '24bit') return 24;
  if (env.TERM) {
    if (/^xterm-256/.test(env.TERM)) return 8;
    const termEnv = env.TERM.toLowerCase();
    if (TERM_ENVS[termEnv]) return TERM_ENVS[termEnv];
    if (TERM_ENVS_REG_EXP.some((term) => term.test(termEnv))) return 4;
  }
  if (env.COLORTERM) return 4;
  return 1;
}

class StdioWriteStream extends Writable {
  constructor(fd) {
    super({ decodeStrings: false, emitClose: false, autoDestroy: false });
    this.fd = fd;
    this._isStdio = true;
    this._type = stdio.guessHandleType(fd).toLowerCase();
    if (stdio.isatty(fd)) {
      this.isTTY = true;
      const size = stdio.windowSize(fd);
      if (size) {
        this.columns = size[0];
        this.rows = size[1];
      }
    }
  }
  _write(chunk, encoding, callback) {
    try {
      if (typeof chunk === 'string' && encoding && encoding !== 'utf8' && encoding !== 'utf-8' && encoding !== 'buffer') {
        chunk = Buffer.from(chunk, encoding);
      }
      stdio.writeSync(this.fd, chunk);
    } catch (error) {
      if (error.code === 'EPIPE') {
        callback();
        return;
      }
      callback(error);
      return;
    }
    callback();
  }
  _destroy(error, callback) {
    callback(error);
  }
  getColorDepth(env = process.env) {
    return colorDepthFor(env);
  }
  hasColors(count, env) {
    if (env === undefined && (count === undefined || (typeof count === 'object' && count !== null))) {
      env = count;
      count = 16;
    }
    return count <= 2 ** this.getColorDepth(env);
  }
  getWindowSize() {
    return [this.columns, this.rows];
  }
  cursorTo(x, y, callback) {
    return require('readline').cursorTo(this, x, y, callback);
  }
  moveCursor(dx, dy, callback) {
    return require('readline').moveCursor(this, dx, dy, callback);
  }
  clearLine(dir, callback) {
    return require('readline').clearLine(this, dir, callback);
  }
  clearScreenDown(callback) {
    return require('readline').clearScreenDown(this, callback);
  }
}

class StdinStream extends Readable {
  constructor() {
    super({ highWaterMark: 65536 });
    this.fd = 0;
    this._reading = false;
    if (stdio.isatty(0)) {
      this.isTTY = true;
      this.isRaw = false;
    }
  }
  _read() {
    if (this._reading) return;
    this._reading = true;
    stdio.readStart((chunk) => {
      if (chunk === null) {
        this._reading = false;
        this.push(null);
      } else if (chunk instanceof Error) {
        this._reading = false;
        this.destroy(chunk);
      } else if (!this.push(Buffer.from(chunk.buffer, chunk.byteOffset, chunk.byteLength))) {
        this._reading = false;
        stdio.readStop();
      }
    });
  }
  pause() {
    if (this._reading) {
      this._reading = false;
      stdio.readStop();
    }
    return super.pause();
  }
  setRawMode(mode) {
    this.isRaw = !!mode;
    return this;
  }
  ref() {
    return this;
  }
  unref() {
    return this;
  }
}

let stdout;
let stderr;
let stdin;

module.exports = {
  stdout() {
    if (!stdout) stdout = new StdioWriteStream(1);
    return stdout;
  },
  stderr() {
    if (!stderr) stderr = new StdioWriteStream(2);
    return stderr;
  },
  stdin() {
    if (!stdin) stdin = new StdinStream();
    return stdin;
  },
  colorDepthFor,
  StdioWriteStream,
};
