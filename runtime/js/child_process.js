'use strict';
// node:child_process, in part: the synchronous forms (spawnSync, execSync,
// execFileSync), which run the child to completion. The asynchronous ones (spawn, exec,
// execFile, fork) are not provided yet and throw ERR_METHOD_NOT_IMPLEMENTED when called;
// requiring the module works, so packages that only use it on some paths load.

const binding = internalBinding('child_process');
const { codes, validateString } = require('internal/errors');
const { signals } = require('internal/process');

const signalNames = Object.fromEntries(Object.entries(signals).map(([name, number]) => [number, name]));

function normalizeStdio(stdio) {
  if (stdio === undefined || stdio === 'pipe') return ['pipe', 'pipe', 'pipe'];
  if (typeof stdio === 'string') return [stdio, stdio, stdio];
  return [0, 1, 2].map((i) => {
    const mode = stdio[i];
    if (mode === undefined || mode === null || mode === 'pipe' || mode === 'overlapped') return 'pipe';
    if (mode === 'inherit' || mode === i || mode === process.stdin && i === 0 || mode === process.stdout && i === 1 ||
        mode === process.stderr && i === 2) return 'inherit';
    if (mode === 'ignore') return 'ignore';
    throw new codes.ERR_INVALID_ARG_VALUE(`stdio[${i}]`, mode, 'is not supported by lode');
  });
}

function envEntries(env) {
  return Object.entries(env || process.env).filter(([, v]) => v !== undefined).map(([k, v]) => `${k}=${v}`);
}

function spawnSync(file, args, options) {
  if (!Array.isArray(args)) {
    options = args;
    args = [];
  }
  options = { ...options };
  validateString(file, 'file');
  let argv = [file, ...args.map(String)];
  if (options.shell) {
    const shell = typeof options.shell === 'string' ? options.shell : '/bin/sh';
    argv = [shell, '-c', [file, ...args].join(' ')];
  }
  const stdio = normalizeStdio(options.stdio);
  let input = options.input;
  if (typeof input === 'string') input = Buffer.from(input, options.encoding && options.encoding !== 'buffer' ? options.encoding : 'utf8');
  const cwd = options.cwd !== undefined ? require('fs').realpathSync(String(options.cwd)) : undefined;
  const result = { pid: 0, output: null, stdout: null, stderr: null, status: null, signal: null };
  try {
    const [status, signal, stdout, stderr] = binding.spawnSync(argv, cwd, envEntries(options.env), stdio, input, options.timeout);
    const decode = (bytes, mode) => {
      if (mode !== 'pipe') return null;
      const buffer = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
      return options.encoding && options.encoding !== 'buffer' ? buffer.toString(options.encoding) : buffer;
    };
    result.status = status;
    result.signal = signal ? signalNames[signal] || signal : null;
    result.stdout = decode(stdout, stdio[1]);
    result.stderr = decode(stderr, stdio[2]);
    result.output = [null, result.stdout, result.stderr];
  } catch (error) {
    result.error = error;
  }
  return result;
}

function checkExecSyncError(result, command) {
  if (result.error) return result.error;
  if (result.status === 0) return undefined;
  let message = `Command failed: ${command}`;
  if (result.stderr && result.stderr.length) message += `\n${result.stderr.toString()}`;
  const error = new Error(message);
  error.status = result.status;
  error.signal = result.signal;
  error.output = result.output;
  error.stdout = result.stdout;
  error.stderr = result.stderr;
  error.pid = result.pid;
  return error;
}

function execFileSync(file, args, options) {
  if (!Array.isArray(args)) {
    options = args;
    args = [];
  }
  options = { stdio: ['pipe', 'pipe', 'inherit'], ...options };
  const result = spawnSync(file, args, options);
  const error = checkExecSyncError(result, [file, ...args].join(' '));
  if (error) throw error;
  return result.stdout;
}

function execSync(command, options) {
  options = { stdio: ['pipe', 'pipe', 'inherit'], ...options };
  const shell = typeof options.shell === 'string' ? options.shell : '/bin/sh';
  const result = spawnSync(shell, ['-c', command], { ...options, shell: false });
  const error = checkExecSyncError(result, command);
  if (error) throw error;
  return result.stdout;
}

function notImplemented(name) {
  return () => {
    throw new codes.ERR_METHOD_NOT_IMPLEMENTED(`child_process.${name}`);
  };
}

class ChildProcess extends require('events') {}

module.exports = {
  spawnSync,
  execSync,
  execFileSync,
  spawn: notImplemented('spawn'),
  exec: notImplemented('exec'),
  execFile: notImplemented('execFile'),
  fork: notImplemented('fork'),
  ChildProcess,
};
