// Error values shared by every layer.
//
// Functions that can fail for reasons outside the program (bad input, I/O, network) return
// Result<T> = std::expected<T, Error>. An Error says what failed (message), on what input
// (subject: a file, URL or package, with a position where one is known) and what the user
// can do about it (hint). Exceptions are reserved for bugs.
#pragma once

#include <expected>
#include <string>
#include <string_view>

namespace lode {

// What kind of failure; decides the exit status and lets callers branch without parsing
// messages.
enum class ErrorCode {
  kUsage,       // the command line is wrong (exit status 2)
  kNotFound,    // a file, package, version or key does not exist
  kIo,          // reading or writing the file system failed
  kParse,       // malformed input: JSON, .npmrc, lockfile, tarball, semver range...
  kConfig,      // configuration is invalid or incomplete
  kNetwork,     // a connection failed, timed out or was cut
  kHttp,        // the server answered with an error status
  kAuth,        // 401/403, or credentials missing
  kIntegrity,   // content does not match its checksum
  kProcess,     // a child process could not be started or failed
  kRuntime,     // JavaScript threw, or the runtime could not start
  kUnsupported, // a valid request lode does not handle yet
  kInternal,    // a broken invariant that is not the user's fault
};

struct Error {
  ErrorCode code = ErrorCode::kInternal;
  std::string message;  // what went wrong, lower case, no trailing period
  std::string subject;  // the file/URL/package it concerns, with position if known
  std::string hint;     // what the user can do, or empty

  // Returns a copy with `context` prepended to the message ("reading lockfile: ...").
  Error wrap(std::string_view context) const;
  Error with_hint(std::string hint_text) const;
};

template <class T>
using Result = std::expected<T, Error>;

// Shorthand for `return fail(...)` in functions returning Result<T>.
inline std::unexpected<Error> fail(ErrorCode code, std::string message, std::string subject = {},
                                   std::string hint = {}) {
  return std::unexpected(Error{code, std::move(message), std::move(subject), std::move(hint)});
}
inline std::unexpected<Error> fail(Error error) { return std::unexpected(std::move(error)); }

// The name of an error code as shown in --json output ("ENOTFOUND"-style, stable).
std::string_view error_code_name(ErrorCode code);

// The process exit status for an error: 2 for usage errors, 1 for everything else.
int exit_status_for(const Error& error);

// One line: "<message> (<subject>)", without the "lode: error:" prefix or the hint.
std::string describe(const Error& error);

// An Error for a failed system call, with strerror(errnum) in the message.
Error system_error(ErrorCode code, std::string_view what, std::string subject, int errnum);

}  // namespace lode
