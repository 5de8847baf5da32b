'use strict';
// node:vm, in part: Script and runInThisContext (code compiled and run in the one
// context lode has, with its own file name in stack traces) and compileFunction.
// Separate contexts (createContext, runInNewContext) are not provided.

const runtime = internalBinding('runtime');
const { codes, validateString } = require('internal/errors');

function filenameOf(options) {
  if (typeof options === 'string') return options;
  return (options && options.filename) || 'evalmachine.<anonymous>';
}

class Script {
  #code;
  #filename;
  constructor(code, options) {
    validateString(code, 'code');
    this.#code = code;
    this.#filename = filenameOf(options);
  }
  runInThisContext() {
    return runtime.runScript(this.#code, this.#filename);
  }
  runInContext(context) {
    if (context === globalThis) return this.runInThisContext();
    throw new codes.ERR_METHOD_NOT_IMPLEMENTED('vm.Script.runInContext');
  }
  runInNewContext() {
    throw new codes.ERR_METHOD_NOT_IMPLEMENTED('vm.Script.runInNewContext');
  }
  createCachedData() {
    return Buffer.alloc(0);
  }
}

function runInThisContext(code, options) {
  return new Script(code, options).runInThisContext();
}

function compileFunction(code, params = [], options = {}) {
  validateString(code, 'code');
  const wrapper = `(function (${params.join(', ')}) {\n${code}\n})`;
  return runtime.runScript(wrapper, filenameOf(options));
}

function notSupported(name) {
  return () => {
    throw new codes.ERR_METHOD_NOT_IMPLEMENTED(`vm.${name}`);
  };
}

module.exports = {
  Script,
  runInThisContext,
  compileFunction,
  isContext: (value) => value === globalThis,
  createContext: notSupported('createContext'),
  runInContext: notSupported('runInContext'),
  runInNewContext: notSupported('runInNewContext'),
};
