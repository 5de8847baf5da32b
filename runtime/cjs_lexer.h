// The names a CommonJS module exports, found by reading its source without running it,
// the way Node finds them (cjs-module-lexer) so that `import { x } from './file.cjs'`
// works: `exports.x = ...`, `module.exports.x = ...`, `exports['x'] = ...`,
// `Object.defineProperty(exports, 'x', ...)`, `module.exports = { x, y: ..., ...require('z') }`
// (also esbuild's `0 && (module.exports = {...})` hint), and re-exports:
// `module.exports = require('z')`, TypeScript's `__exportStar(require('z'), exports)` and
// `__export(require('z'))`. Detection is lexical (strings, comments, template literals
// and regular expressions are skipped); like Node's, it can miss dynamic exports.
#pragma once

#include <string>
#include <string_view>
#include <vector>

namespace lode::runtime {

struct CjsExports {
  std::vector<std::string> names;      // in first-seen order, without duplicates
  std::vector<std::string> reexports;  // specifiers whose exports are re-exported
};

CjsExports analyze_cjs_exports(std::string_view source);

}  // namespace lode::runtime
