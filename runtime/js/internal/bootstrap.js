'use strict';
// The first JavaScript a run executes (as a function of process and internalBinding):
// the loader of the other built-ins, the `process` object, the globals (installed as
// lazy getters, so a module loads only when its global is first touched), the hooks
// C++ calls at loop events, and the code that runs the main file, -e, -p or stdin.

const runtime = internalBinding('runtime');
const options = runtime.options;
const publicIds = new Set(runtime.builtinIds());

// --- Built-in modules ------------------------------------------------------------------

const builtinCache = new Map();

function requireBuiltin(id) {
  const cached = builtinCache.get(id);
  if (cached !== undefined) return cached.exports;
  const compiled = runtime.compileBuiltin(id);
  const module = { exports: {}, id, loaded: false };
  builtinCache.set(id, module);
  try {
    compiled(module.exports, requireBuiltin, module, internalBinding, process);
  } catch (error) {
    builtinCache.delete(id);
    throw error;
  }
  module.loaded = true;
  return module.exports;
}
requireBuiltin.isPublic = (id) => publicIds.has(id);
requireBuiltin.publicIds = () => Array.from(publicIds);

let tickModule;
let timersModule;
let loaderModule;
const tick = () => tickModule || (tickModule = requireBuiltin('internal/tick'));
const timers = () => timersModule || (timersModule = requireBuiltin('internal/timers'));
const loader = () => loaderModule || (loaderModule = requireBuiltin('internal/cjs_loader'));

// --- process ---------------------------------------------------------------------------

const processSetup = requireBuiltin('internal/process');
processSetup.setup(process);

// --- Globals ---------------------------------------------------------------------------

function defineLazyGlobal(name, load, enumerable = false) {
  Object.defineProperty(globalThis, name, {
    configurable: true,
    enumerable,
    get() {
      const value = load();
      Object.defineProperty(globalThis, name, { value, writable: true, configurable: true, enumerable });
      return value;
    },
    set(value) {
      Object.defineProperty(globalThis, name, { value, writable: true, configurable: true, enumerable });
    },
  });
}

Object.defineProperty(globalThis, 'global', { value: globalThis, writable: true, configurable: true, enumerable: false });
Object.defineProperty(globalThis, 'process', { value: process, writable: true, configurable: true, enumerable: false });
defineLazyGlobal('console', () => requireBuiltin('internal/console').globalConsole());
for (const name of ['setTimeout', 'setInterval', 'setImmediate', 'clearTimeout', 'clearInterval', 'clearImmediate']) {
  defineLazyGlobal(name, () => timers()[name], true);
}
defineLazyGlobal('queueMicrotask', () => tick().queueMicrotask, true);
defineLazyGlobal('structuredClone', () => requireBuiltin('internal/structured_clone').structuredClone, true);
defineLazyGlobal('Buffer', () => requireBuiltin('buffer').Buffer);
defineLazyGlobal('atob', () => requireBuiltin('buffer').atob, true);
defineLazyGlobal('btoa', () => requireBuiltin('buffer').btoa, true);
defineLazyGlobal('URL', () => requireBuiltin('internal/url').URL);
defineLazyGlobal('URLSearchParams', () => requireBuiltin('internal/url').URLSearchParams);
defineLazyGlobal('TextEncoder', () => requireBuiltin('internal/encoding').TextEncoder);
defineLazyGlobal('TextDecoder', () => requireBuiltin('internal/encoding').TextDecoder);
for (const name of ['AbortController', 'AbortSignal', 'Event', 'EventTarget', 'DOMException']) {
  defineLazyGlobal(name, () => requireBuiltin('internal/event_target')[name]);
}
defineLazyGlobal('performance', () => requireBuiltin('perf_hooks').performance, true);
defineLazyGlobal('crypto', () => requireBuiltin('crypto').webcrypto);

// --- Hooks for C++ ---------------------------------------------------------------------

let mainPromise;
let mainUrl;

function fatalException(error, fromPromise) {
  const type = fromPromise ? 'unhandledRejection' : 'uncaughtException';
  process.emit('uncaughtExceptionMonitor', error, type);
  if (typeof process._uncaughtCapture === 'function') {
    process._uncaughtCapture(error);
    return true;
  }
  if (process.listenerCount('uncaughtException') > 0) {
    process.emit('uncaughtException', error, type);
    return true;
  }
  try {
    if (!process._exiting) {
      process._exiting = true;
      process.exitCode = 1;
      process.emit('exit', 1);
    }
  } catch {
    // Nothing more can be done: the process is going down.
  }
  return processSetup.exitCodeNumber() || 1;
}

function formatFatal(error) {
  if (error !== null && (typeof error === 'object' || typeof error === 'function')) {
    return requireBuiltin('internal/inspect').inspect(error);
  }
  return String(error);
}

function emitBeforeExit() {
  process.emit('beforeExit', processSetup.exitCodeNumber());
}

function emitExit() {
  if (mainPromise !== undefined && internalBinding('util').getPromiseDetails(mainPromise)[0] === 0) {
    internalBinding('stdio').writeSync(2, `Warning: Detected unsettled top-level await at ${mainUrl}\n`);
    process.exitCode = 13;
  }
  if (!process._exiting) {
    process._exiting = true;
    process.emit('exit', processSetup.exitCodeNumber());
  }
  return processSetup.exitCodeNumber();
}

function loadForImport(id) {
  if (id.startsWith('node:')) return requireBuiltin(id.slice(5));
  return loader().Module._load(id, null, false);
}

// The node options lode acts on (others are kept in process.execArgv and ignored):
// -r/--require preloads, --no-warnings, --no-deprecation, --throw-deprecation.
function applyExecArgv() {
  const preload = [];
  const execArgv = options.execArgv;
  for (let i = 0; i < execArgv.length; i++) {
    const arg = execArgv[i];
    if (arg === '-r' || arg === '--require') preload.push(execArgv[++i]);
    else if (arg.startsWith('--require=')) preload.push(arg.slice(10));
    else if (arg === '--no-warnings') process.removeAllListeners('warning');
    else if (arg === '--no-deprecation') process.noDeprecation = true;
    else if (arg === '--throw-deprecation') process.throwDeprecation = true;
    else if (arg === '--trace-deprecation') process.traceDeprecation = true;
  }
  if (preload.length) {
    const { Module } = loader();
    const require = Module.createRequire(requireBuiltin('path').join(process.cwd(), '[preload]'));
    for (const request of preload) require(request);
  }
}

function runMain() {
  const args = options.args;
  if (options.execArgv.length) applyExecArgv();
  if (options.mode === 'file') {
    const path = requireBuiltin('path');
    const script = path.resolve(options.script);
    process.argv = [options.execPath, script, ...args];
    const { Module } = loader();
    const resolved = Module._resolveMain(script);
    if (Module._useEsmLoader(resolved)) {
      const esm = internalBinding('esm');
      mainUrl = esm.pathToFileURL(resolved);
      mainPromise = esm.runMain(resolved);
      mainPromise.then(undefined, (error) => runtime.triggerUncaughtException(error, true));
      return;
    }
    Module._load(script, null, true);
    return;
  }
  process.argv = [options.execPath, ...args];
  evalScript(options.sourceName, options.source, options.mode === 'print');
}

// -e, -p and stdin code sees module, exports and require as globals, as in Node; they
// are made on first use, so code that needs none of them does not load the CommonJS loader.
function evalScript(name, body, print) {
  let evalModule;
  const getModule = () => {
    if (evalModule === undefined) {
      const { Module } = loader();
      const path = requireBuiltin('path');
      const cwd = process.cwd();
      evalModule = new Module(name);
      evalModule.filename = path.join(cwd, name);
      evalModule.paths = Module._nodeModulePaths(cwd);
    }
    return evalModule;
  };
  defineLazyGlobal('module', getModule);
  defineLazyGlobal('exports', () => getModule().exports);
  defineLazyGlobal('require', () => loader().Module.createRequire(getModule().filename));
  globalThis.__filename = name;
  globalThis.__dirname = '.';
  const result = runtime.runScript(body, name);
  if (print) globalThis.console.log(result);
}

runtime.setHooks({
  processTicks: () => tick().processTicksAndRejections(),
  processTimers: (now) => timers().processTimers(now),
  processImmediates: () => timers().processImmediates(),
  promiseReject: (type, promise, reason) => tick().promiseRejectHandler(type, promise, reason),
  fatalException,
  formatFatal,
  emitBeforeExit,
  emitExit,
  loadForImport,
  runMain,
});
