// The error value of module resolution. Node reports resolution failures with a string
// code (`MODULE_NOT_FOUND`, `ERR_PACKAGE_PATH_NOT_EXPORTED`, ...) that programs test for,
// so the resolver carries that code and Node's message text rather than an ErrorCode:
// the runtime turns it into a JavaScript error with the same `code` and `message`.
#pragma once

#include <expected>
#include <string>
#include <utility>

#include "base/error.h"

namespace lode::resolver {

struct ResolveError {
  std::string code;     // Node's error code, e.g. "ERR_MODULE_NOT_FOUND"
  std::string message;  // Node's message for it, without a require stack
  // The path the error concerns (a package.json, a missing file), or empty.
  std::string path;

  // The same failure as a lode::Error (ErrorCode::kNotFound for the not-found codes,
  // kParse for configuration errors), for callers outside the runtime.
  Error to_error() const;
};

template <class T>
using ResolveResult = std::expected<T, ResolveError>;

inline std::unexpected<ResolveError> resolve_fail(std::string code, std::string message, std::string path = {}) {
  return std::unexpected(ResolveError{std::move(code), std::move(message), std::move(path)});
}

}  // namespace lode::resolver
