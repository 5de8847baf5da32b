'use strict';
// node:module: the CommonJS Module class and its helpers (createRequire, builtinModules,
// isBuiltin, _resolveFilename, ...).
module.exports = require('internal/cjs_loader').Module;
