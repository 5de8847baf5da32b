'use strict';
// The CommonJS loader: Node's Module class (require, module.exports, require.cache,
// require.resolve with paths, require.main, circular requires that see partial
// exports, JSON modules, Module._extensions). Resolution is native: lode's resolver
// (resolver/module_resolver.cpp) implements Node's algorithm, and this file turns its
// failures into Node's errors, adding the require stack.

const path = require('path');
const binding = internalBinding('module');
const { codes, errorWithCode, validateString } = require('internal/errors');

const moduleParentCache = new WeakMap();
const relativeResolveCache = Object.create(null);
const kSource = Symbol('kSource');
const kSignature = Symbol('kSignature');
let requireDepth = 0;

function updateChildren(parent, child, scan) {
  const children = parent && parent.children;
  if (children && !(scan && children.includes(child))) children.push(child);
}

function Module(id = '', parent) {
  this.id = id;
  this.path = path.dirname(id);
  this.exports = {};
  moduleParentCache.set(this, parent);
  updateChildren(parent, this, false);
  this.filename = null;
  this.loaded = false;
  this.children = [];
}

Object.defineProperty(Module.prototype, 'parent', {
  get() {
    return moduleParentCache.get(this);
  },
  set(value) {
    moduleParentCache.set(this, value);
  },
  configurable: true,
  enumerable: false,
});

Module._cache = Object.create(null);
Module._pathCache = Object.create(null);
Module._extensions = Object.create(null);
Module.builtinModules = require.publicIds().sort();
Module.isBuiltin = function isBuiltin(name) {
  if (typeof name !== 'string') return false;
  return require.isPublic(name.startsWith('node:') ? name.slice(5) : name);
};
Module.wrapper = ['(function (exports, require, module, __filename, __dirname) { ', '\n});'];
Module.wrap = function wrap(script) {
  return Module.wrapper[0] + script + Module.wrapper[1];
};

function initGlobalPaths() {
  const paths = [];
  const nodePath = process.env.NODE_PATH;
  if (nodePath) {
    for (const entry of nodePath.split(path.delimiter)) if (entry) paths.push(path.resolve(entry));
  }
  const home = process.env.HOME;
  if (home) paths.push(path.resolve(home, '.node_modules'), path.resolve(home, '.node_libraries'));
  paths.push(path.resolve(process.execPath, '..', '..', 'lib', 'node'));
  return paths;
}
Module.globalPaths = initGlobalPaths();
Module._initPaths = function _initPaths() {
  Module.globalPaths = initGlobalPaths();
};

// node_modules folders searched from `from`, nearest first.
Module._nodeModulePaths = function _nodeModulePaths(from) {
  from = path.resolve(from);
  if (from === '/') return ['/node_modules'];
  const paths = [];
  for (let i = from.length - 1, p = 0, last = from.length; i >= 0; --i) {
    const code = from.charCodeAt(i);
    if (code === 47) {
      if (p !== 'node_modules'.length) paths.push(`${from.slice(0, last)}/node_modules`);
      last = i;
      p = 0;
    } else if (p !== -1) {
      if ('node_modules'.charCodeAt('node_modules'.length - 1 - p) === code) ++p;
      else p = -1;
    }
  }
  paths.push('/node_modules');
  return paths;
};

Module._resolveLookupPaths = function _resolveLookupPaths(request, parent) {
  if (Module.isBuiltin(request)) return null;
  if (request.charAt(0) !== '.' || (request.length > 1 && request.charAt(1) !== '.' && request.charAt(1) !== '/')) {
    let paths = Module.globalPaths;
    if (parent && parent.paths && parent.paths.length) paths = parent.paths.concat(paths);
    return paths.length > 0 ? paths : null;
  }
  if (!parent || !parent.id || !parent.filename) return ['.'];
  return [path.dirname(parent.filename)];
};

function parentFilename(parent) {
  if (parent && parent.filename) return parent.filename;
  return path.join(process.cwd(), '[eval]');
}

function requireStackOf(parent) {
  const stack = [];
  for (let cursor = parent; cursor; cursor = moduleParentCache.get(cursor)) stack.push(cursor.filename || cursor.id);
  return stack;
}

// Node's built-ins that lode lacks: a bare require of one falls through to node_modules
// (where a polyfill of that name may live); when that fails, the error says why.
const nodeOnlyBuiltins = new Set(['cluster', 'dgram', 'diagnostics_channel', 'dns',
  'domain', 'http', 'http2', 'https', 'inspector', 'net', 'punycode', 'repl', 'tls', 'trace_events',
  'wasi', 'zlib', 'constants']);

// The Node error for a failed resolution ([code, message, path] from the binding).
function resolveError(failure, request, parent) {
  const [code, message, where] = failure;
  if (code === 'MODULE_NOT_FOUND') {
    let text = message;
    let requireStack;
    if (!where) {
      requireStack = requireStackOf(parent);
      if (requireStack.length > 0) text += `\nRequire stack:\n- ${requireStack.join('\n- ')}`;
    }
    if (!where && nodeOnlyBuiltins.has(request)) text += `\n(lode does not provide Node's built-in module '${request}' yet)`;
    const error = new Error(text);
    error.code = 'MODULE_NOT_FOUND';
    if (where) {
      error.path = where;
      if (message.endsWith('has a valid "main" entry')) error.requestPath = request;
    } else {
      error.requireStack = requireStack;
    }
    return error;
  }
  const typeErrors = ['ERR_INVALID_MODULE_SPECIFIER', 'ERR_PACKAGE_IMPORT_NOT_DEFINED', 'ERR_INVALID_ARG_VALUE',
    'ERR_UNKNOWN_FILE_EXTENSION'];
  return errorWithCode(typeErrors.includes(code) ? TypeError : Error, code, message);
}

Module._resolveFilename = function _resolveFilename(request, parent, isMain, options) {
  if (request.startsWith('node:')) {
    if (!Module.isBuiltin(request)) throw new codes.ERR_UNKNOWN_BUILTIN_MODULE(request);
    return request;
  }
  if (require.isPublic(request)) return request;
  let bases;
  if (typeof options === 'object' && options !== null) {
    if (Array.isArray(options.paths)) {
      bases = options.paths.map((p) => path.resolve(p));
    } else if (options.paths !== undefined) {
      throw new codes.ERR_INVALID_ARG_VALUE('options.paths', options.paths);
    }
  }
  const result = binding.resolveRequire(request, parentFilename(parent), bases);
  if (typeof result === 'string') return result.startsWith('node:') ? request : result;
  throw resolveError(result, request, parent);
};

Module._findPath = function _findPath(request, paths) {
  const absolute = path.isAbsolute(request);
  const result = absolute ? binding.resolveMain(request)
    : binding.resolveRequire(request, path.join(process.cwd(), '[eval]'), (paths || []).map((p) => path.resolve(p)));
  return typeof result === 'string' ? result : false;
};

Module._resolveMain = function _resolveMain(script) {
  const result = binding.resolveMain(script);
  if (typeof result === 'string') return result;
  throw resolveError(result, script, null);
};

Module._useEsmLoader = function _useEsmLoader(filename) {
  if (filename.endsWith('.mjs')) return true;
  if (filename.endsWith('.cjs')) return false;
  if (filename.endsWith('.js') || path.extname(filename) === '') return binding.isModuleScope(filename);
  return false;
};

Module._load = function _load(request, parent, isMain) {
  let relativeKey;
  if (parent) {
    relativeKey = `${parent.path}\x00${request}`;
    const filename = relativeResolveCache[relativeKey];
    if (filename !== undefined) {
      const cachedModule = Module._cache[filename];
      if (cachedModule !== undefined) {
        updateChildren(parent, cachedModule, true);
        return cachedModule.exports;
      }
      delete relativeResolveCache[relativeKey];
    }
  }
  if (request.startsWith('node:')) {
    const id = request.slice(5);
    if (!require.isPublic(id)) throw new codes.ERR_UNKNOWN_BUILTIN_MODULE(request);
    return require(id);
  }
  const filename = Module._resolveFilename(request, parent, isMain);
  const cachedModule = Module._cache[filename];
  if (cachedModule !== undefined) {
    updateChildren(parent, cachedModule, true);
    return cachedModule.exports;
  }
  if (require.isPublic(filename)) return require(filename);
  const module = new Module(filename, parent);
  if (isMain) {
    process.mainModule = module;
    module.id = '.';
  }
  Module._cache[filename] = module;
  if (parent !== undefined && parent !== null) relativeResolveCache[relativeKey] = filename;
  let threw = true;
  try {
    module.load(filename);
    threw = false;
  } finally {
    if (threw) {
      delete Module._cache[filename];
      if (parent) {
        delete relativeResolveCache[relativeKey];
        const children = parent.children;
        if (Array.isArray(children)) {
          const index = children.indexOf(module);
          if (index !== -1) children.splice(index, 1);
        }
      }
    }
  }
  return module.exports;
};

function findLongestRegisteredExtension(filename) {
  const name = path.basename(filename);
  let index;
  let startIndex = 0;
  while ((index = name.indexOf('.', startIndex)) !== -1) {
    startIndex = index + 1;
    if (index === 0) continue;
    const extension = name.slice(index);
    if (Module._extensions[extension]) return extension;
  }
  return '.js';
}

Module.prototype.load = function load(filename) {
  this.filename = filename;
  this.paths = Module._nodeModulePaths(path.dirname(filename));
  const extension = findLongestRegisteredExtension(filename);
  if (filename.endsWith('.mjs') && !Module._extensions['.mjs']) {
    this.exports = internalBinding('esm').requireModule(filename);
    this.loaded = true;
    return;
  }
  Module._extensions[extension](this, filename);
  this.loaded = true;
};

Module.prototype.require = function require_(id) {
  validateString(id, 'id');
  if (id === '') throw new codes.ERR_INVALID_ARG_VALUE('id', id, 'must be a non-empty string');
  requireDepth++;
  try {
    return Module._load(id, this, false);
  } finally {
    requireDepth--;
  }
};

function stripBOM(content) {
  return content.charCodeAt(0) === 0xfeff ? content.slice(1) : content;
}

Module.prototype._compile = function _compile(content, filename) {
  const signature = this[kSource] === content ? this[kSignature] : undefined;
  this[kSource] = undefined;
  const compiled = binding.compileFunction(content, filename, signature);
  const dirname = path.dirname(filename);
  const require = makeRequireFunction(this);
  const exports = this.exports;
  return Reflect.apply(compiled, exports, [exports, require, this, filename, dirname]);
};

// require() of an ES module (a .js file under "type": "module", or .mjs above) loads it
// synchronously, as Node 20 does, when its graph has no top-level await.
Module._extensions['.js'] = function loadJs(module, filename) {
  if (filename.endsWith('.js') && binding.isModuleScope(filename)) {
    module.exports = internalBinding('esm').requireModule(filename);
    return;
  }
  const [text, signature] = binding.readSource(filename);
  const content = stripBOM(text);
  module[kSource] = content;
  module[kSignature] = signature || undefined;
  module._compile(content, filename);
};

Module._extensions['.json'] = function loadJson(module, filename) {
  const [content] = binding.readSource(filename);
  try {
    module.exports = JSON.parse(stripBOM(content));
  } catch (error) {
    error.message = `${filename}: ${error.message}`;
    throw error;
  }
};

Module._extensions['.node'] = function loadAddon(module, filename) {
  throw errorWithCode(Error, 'ERR_DLOPEN_FAILED', `lode cannot load native addons: ${filename}`);
};

function makeRequireFunction(mod) {
  const require = function require(request) {
    return mod.require(request);
  };
  function resolve(request, options) {
    validateString(request, 'request');
    return Module._resolveFilename(request, mod, false, options);
  }
  function paths(request) {
    validateString(request, 'request');
    return Module._resolveLookupPaths(request, mod);
  }
  resolve.paths = paths;
  require.resolve = resolve;
  require.main = process.mainModule;
  require.extensions = Module._extensions;
  require.cache = Module._cache;
  return require;
}

Module.createRequire = function createRequire(filename) {
  let filepath;
  if (typeof filename === 'object' && filename !== null && typeof filename.href === 'string') filename = filename.href;
  if (typeof filename === 'string' && filename.startsWith('file:')) {
    filepath = require('url').fileURLToPath(filename);
  } else if (typeof filename !== 'string' || !path.isAbsolute(filename)) {
    throw new codes.ERR_INVALID_ARG_VALUE('filename', filename, 'must be a file URL object, file URL string, or absolute path string');
  } else {
    filepath = filename;
  }
  const trailingSlash = filepath.endsWith('/');
  const proxyPath = trailingSlash ? path.join(filepath, 'noop.js') : filepath;
  const m = new Module(proxyPath);
  m.filename = proxyPath;
  m.paths = Module._nodeModulePaths(m.path);
  return makeRequireFunction(m);
};

Module.runMain = function runMain(main = process.argv[1]) {
  Module._load(main, null, true);
};

Module.syncBuiltinESMExports = function syncBuiltinESMExports() {};
Module.findSourceMap = function findSourceMap() {
  return undefined;
};
Module.Module = Module;

module.exports = { Module, makeRequireFunction };
