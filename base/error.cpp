#include "base/error.h"

#include <cstring>

namespace lode {

Error Error::wrap(std::string_view context) const {
  Error copy = *this;
  copy.message = std::string(context) + ": " + message;
  return copy;
}

Error Error::with_hint(std::string hint_text) const {
  Error copy = *this;
  copy.hint = std::move(hint_text);
  return copy;
}

std::string_view error_code_name(ErrorCode code) {
  switch (code) {
    case ErrorCode::kUsage: return "EUSAGE";
    case ErrorCode::kNotFound: return "ENOTFOUND";
    case ErrorCode::kIo: return "EIO";
    case ErrorCode::kParse: return "EPARSE";
    case ErrorCode::kConfig: return "ECONFIG";
    case ErrorCode::kNetwork: return "ENETWORK";
    case ErrorCode::kHttp: return "EHTTP";
    case ErrorCode::kAuth: return "EAUTH";
    case ErrorCode::kIntegrity: return "EINTEGRITY";
    case ErrorCode::kProcess: return "EPROCESS";
    case ErrorCode::kRuntime: return "ERUNTIME";
    case ErrorCode::kUnsupported: return "EUNSUPPORTED";
    case ErrorCode::kInternal: return "EINTERNAL";
  }
  return "EINTERNAL";
}

int exit_status_for(const Error& error) { return error.code == ErrorCode::kUsage ? 2 : 1; }

std::string describe(const Error& error) {
  if (error.subject.empty()) return error.message;
  return error.message + " (" + error.subject + ")";
}

Error system_error(ErrorCode code, std::string_view what, std::string subject, int errnum) {
  return Error{code, std::string(what) + ": " + std::strerror(errnum), std::move(subject), {}};
}

}  // namespace lode
