'use strict';
// Builds the `process` object: an EventEmitter with Node's properties and methods, over
// internalBinding('process') for what only the OS knows.

const EventEmitter = require('events');
const binding = internalBinding('process');
const runtime = internalBinding('runtime');
const { codes, validateString, validateNumber, validateFunction, uvException } = require('internal/errors');

const signals = {
  SIGHUP: 1, SIGINT: 2, SIGQUIT: 3, SIGILL: 4, SIGTRAP: 5, SIGABRT: 6, SIGIOT: 6, SIGBUS: 7, SIGFPE: 8,
  SIGKILL: 9, SIGUSR1: 10, SIGSEGV: 11, SIGUSR2: 12, SIGPIPE: 13, SIGALRM: 14, SIGTERM: 15, SIGCHLD: 17,
  SIGSTKFLT: 16, SIGCONT: 18, SIGSTOP: 19, SIGTSTP: 20, SIGTTIN: 21, SIGTTOU: 22, SIGURG: 23, SIGXCPU: 24,
  SIGXFSZ: 25, SIGVTALRM: 26, SIGPROF: 27, SIGWINCH: 28, SIGIO: 29, SIGPOLL: 29, SIGPWR: 30, SIGSYS: 31,
};

let exitCode;
let traceWarningHelperShown = false;

function setup(process) {
  const options = runtime.options;
  Object.setPrototypeOf(Object.getPrototypeOf(process), EventEmitter.prototype);
  EventEmitter.call(process);

  const nodeVersion = binding.nodeVersion;
  const define = (name, value) => Object.defineProperty(process, name, { value, writable: true, configurable: true, enumerable: true });

  Object.defineProperty(process, Symbol.toStringTag, { value: 'process', writable: true, configurable: true, enumerable: false });
  define('title', options.asNode ? 'node' : 'lode');
  define('version', `v${nodeVersion}`);
  define('versions', Object.freeze({
    node: nodeVersion,
    lode: binding.lodeVersion,
    v8: binding.v8Version,
    uv: binding.uvVersion,
    modules: '108',
  }));
  define('arch', binding.arch);
  define('platform', 'linux');
  define('release', Object.freeze({
    name: 'node',
    lts: 'Hydrogen',
    sourceUrl: `https://nodejs.org/download/release/v${nodeVersion}/node-v${nodeVersion}.tar.gz`,
    headersUrl: `https://nodejs.org/download/release/v${nodeVersion}/node-v${nodeVersion}-headers.tar.gz`,
  }));
  define('argv', [options.execPath]);
  define('execArgv', options.execArgv.slice());
  define('execPath', options.execPath);
  define('argv0', options.argv0);
  define('env', binding.env);
  define('pid', binding.pid);
  Object.defineProperty(process, 'ppid', { get: () => binding.ppid, enumerable: true, configurable: true });
  define('features', Object.freeze({ inspector: false, debug: false, uv: true, ipv6: true, tls_alpn: false, tls_sni: false, tls_ocsp: false, tls: false, cached_builtins: true }));
  define('config', Object.freeze({ target_defaults: {}, variables: { node_shared: true, v8_enable_i18n_support: 1 } }));
  define('allowedNodeEnvironmentFlags', new Set());
  define('moduleLoadList', []);
  define('_exiting', false);
  define('noDeprecation', false);
  define('throwDeprecation', false);
  define('traceDeprecation', false);

  Object.defineProperty(process, 'exitCode', {
    get: () => exitCode,
    set(code) {
      if (code !== null && code !== undefined) {
        let value = code;
        if (typeof code === 'string' && code !== '' && Number.isInteger(Number(code))) value = Number(code);
        if (!Number.isInteger(value)) throw new codes.ERR_INVALID_ARG_TYPE('code', 'integer', code);
      }
      exitCode = code;
    },
    enumerable: true,
    configurable: false,
  });

  process.cwd = function cwd() {
    return binding.cwd();
  };
  process.chdir = function chdir(directory) {
    validateString(directory, 'directory');
    binding.chdir(directory);
  };
  process.umask = function umask(mask) {
    if (mask === undefined) return binding.umask();
    if (typeof mask === 'string') mask = Number.parseInt(mask, 8);
    validateNumber(mask, 'mask');
    return binding.umask(mask);
  };
  function hrtime(time) {
    const now = binding.hrtime();
    const seconds = Number(now / 1000000000n);
    const nanos = Number(now % 1000000000n);
    if (time !== undefined) {
      if (!Array.isArray(time)) throw new codes.ERR_INVALID_ARG_TYPE('time', 'Array', time);
      if (time.length !== 2) throw new codes.ERR_OUT_OF_RANGE('time', '2', time.length);
      let sec = seconds - time[0];
      let nsec = nanos - time[1];
      if (nsec < 0) {
        sec -= 1;
        nsec += 1e9;
      }
      return [sec, nsec];
    }
    return [seconds, nanos];
  }
  hrtime.bigint = function bigint() {
    return binding.hrtime();
  };
  process.hrtime = hrtime;
  process.uptime = function uptime() {
    return binding.uptime();
  };
  function memoryUsage() {
    return binding.memoryUsage();
  }
  memoryUsage.rss = () => binding.rss();
  process.memoryUsage = memoryUsage;
  process.cpuUsage = function cpuUsage(previous) {
    const [user, system] = binding.cpuUsage();
    if (previous) return { user: user - previous.user, system: system - previous.system };
    return { user, system };
  };
  process.resourceUsage = function resourceUsage() {
    const { user, system } = process.cpuUsage();
    return { userCPUTime: user, systemCPUTime: system, maxRSS: Math.round(binding.rss() / 1024) };
  };
  process.kill = function kill(pid, sig = 'SIGTERM') {
    if (pid != (pid | 0)) throw new codes.ERR_INVALID_ARG_TYPE('pid', 'number', pid); // eslint-disable-line eqeqeq
    let signal = sig;
    if (typeof sig === 'string') {
      signal = signals[sig];
      if (signal === undefined) throw new codes.ERR_UNKNOWN_SIGNAL(sig);
    } else if (typeof sig !== 'number') {
      throw new codes.ERR_UNKNOWN_SIGNAL(sig);
    }
    const err = binding.kill(pid, signal);
    if (err) throw uvException({ errno: err, syscall: 'kill' });
    return true;
  };
  const [uid, euid, gid, egid] = binding.ids();
  process.getuid = () => uid;
  process.geteuid = () => euid;
  process.getgid = () => gid;
  process.getegid = () => egid;
  process.getgroups = () => [gid];
  process.abort = function abort() {
    binding.kill(binding.pid, signals.SIGABRT);
  };
  process.binding = function binding_(name) {
    throw new Error(`No such module: ${name}`);
  };
  process.reallyExit = function reallyExit(code) {
    runtime.reallyExit(code | 0);
  };
  process.exit = function exit(code) {
    if (code !== undefined) process.exitCode = code;
    if (!process._exiting) {
      process._exiting = true;
      process.emit('exit', exitCodeNumber());
    }
    process.reallyExit(exitCodeNumber());
  };
  process.nextTick = function nextTick(...args) {
    return require('internal/tick').nextTick(...args);
  };
  process.emitWarning = emitWarning;
  process._rawDebug = function _rawDebug(...args) {
    internalBinding('stdio').writeSync(2, `${require('internal/inspect').format(...args)}\n`);
  };
  process.setUncaughtExceptionCaptureCallback = function setUncaughtExceptionCaptureCallback(fn) {
    if (fn !== null) validateFunction(fn, 'fn');
    process._uncaughtCapture = fn;
  };
  process.hasUncaughtExceptionCaptureCallback = () => typeof process._uncaughtCapture === 'function';
  process.setSourceMapsEnabled = () => {};
  process.constrainedMemory = () => undefined;

  for (const name of ['stdout', 'stderr', 'stdin']) {
    Object.defineProperty(process, name, {
      configurable: true,
      enumerable: false,
      get() {
        const stream = require('internal/stdio')[name]();
        Object.defineProperty(process, name, { value: stream, configurable: true, writable: true, enumerable: false });
        return stream;
      },
    });
  }
  process.openStdin = function openStdin() {
    process.stdin.resume();
    return process.stdin;
  };

  process.on('warning', onWarning);

  // Signal events: a listener for 'SIGINT' (or another signal) starts a watcher that
  // replaces the signal's default action; removing the last listener stops it.
  const watching = new Set();
  process.on('newListener', (type) => {
    if (typeof type !== 'string' || signals[type] === undefined || watching.has(type)) return;
    watching.add(type);
    internalBinding('signals').start(signals[type], () => process.emit(type, type));
  });
  process.on('removeListener', (type) => {
    if (!watching.has(type) || process.listenerCount(type) > 0) return;
    watching.delete(type);
    internalBinding('signals').stop(signals[type]);
  });
}

function exitCodeNumber() {
  const code = exitCode;
  if (code === undefined || code === null) return 0;
  return Number(code) | 0;
}

function createWarningObject(warning, type, code, ctor, detail) {
  const limit = Error.stackTraceLimit;
  const warningObject = new Error(warning);
  Error.stackTraceLimit = limit;
  warningObject.name = String(type || 'Warning');
  if (code !== undefined) warningObject.code = code;
  if (detail !== undefined) warningObject.detail = detail;
  Error.captureStackTrace(warningObject, ctor || process.emitWarning);
  return warningObject;
}

function emitWarning(warning, type, code, ctor) {
  let detail;
  if (type !== null && typeof type === 'object' && !Array.isArray(type)) {
    ctor = type.ctor;
    code = type.code;
    if (typeof type.detail === 'string') detail = type.detail;
    type = type.type || 'Warning';
  } else if (typeof type === 'function') {
    ctor = type;
    code = undefined;
    type = 'Warning';
  }
  if (type !== undefined) validateString(type, 'type');
  if (typeof code === 'function') {
    ctor = code;
    code = undefined;
  } else if (code !== undefined) {
    validateString(code, 'code');
  }
  if (typeof warning === 'string') {
    warning = createWarningObject(warning, type, code, ctor, detail);
  } else if (!(warning instanceof Error)) {
    throw new codes.ERR_INVALID_ARG_TYPE('warning', ['Error', 'string'], warning);
  }
  if (warning.name === 'DeprecationWarning') {
    if (process.noDeprecation) return;
    if (process.throwDeprecation) throw warning;
  }
  process.nextTick(() => process.emit('warning', warning));
}

function onWarning(warning) {
  if (!(warning instanceof Error)) return;
  const isDeprecation = warning.name === 'DeprecationWarning';
  if (isDeprecation && process.noDeprecation) return;
  const trace = process.traceProcessWarnings || (isDeprecation && process.traceDeprecation);
  let msg = `(${process.release.name}:${process.pid}) `;
  if (warning.code) msg += `[${warning.code}] `;
  if (trace && warning.stack) msg += `${warning.stack}`;
  else msg += typeof warning.toString === 'function' ? `${warning.toString()}` : Error.prototype.toString.call(warning);
  if (typeof warning.detail === 'string') msg += `\n${warning.detail}`;
  if (!trace && !traceWarningHelperShown) {
    const flag = isDeprecation ? '--trace-deprecation' : '--trace-warnings';
    const argv0 = require('path').basename(process.argv0 || 'node');
    msg += `\n(Use \`${argv0} ${flag} ...\` to show where the warning was created)`;
    traceWarningHelperShown = true;
  }
  internalBinding('stdio').writeSync(2, `${msg}\n`);
}

module.exports = { setup, exitCodeNumber, signals };
