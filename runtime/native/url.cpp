// internalBinding('url'): the part of WHATWG URL parsing that needs Unicode tables:
// "domain to ASCII" (UTS #46 mapping and Punycode, through the ICU that libnode already
// loads) and its inverse for url.domainToUnicode. The rest of the parser is JavaScript.
#include <unicode/uidna.h>

#include "runtime/native/bindings.h"
#include "runtime/runtime.h"
#include "runtime/v8_helpers.h"

namespace lode::runtime {

namespace {

// The errors WHATWG URL's "domain to ASCII" ignores (CheckHyphens=false,
// VerifyDnsLength=false).
constexpr uint32_t kIgnoredErrors = UIDNA_ERROR_EMPTY_LABEL | UIDNA_ERROR_LABEL_TOO_LONG |
                                    UIDNA_ERROR_DOMAIN_NAME_TOO_LONG | UIDNA_ERROR_LEADING_HYPHEN |
                                    UIDNA_ERROR_TRAILING_HYPHEN | UIDNA_ERROR_HYPHEN_3_4;

// Converts with UTS #46; returns nullopt when the domain is invalid.
std::optional<std::string> convert(std::string_view domain, bool to_ascii) {
  UErrorCode status = U_ZERO_ERROR;
  uint32_t options = UIDNA_CHECK_BIDI | UIDNA_CHECK_CONTEXTJ | UIDNA_NONTRANSITIONAL_TO_ASCII |
                     UIDNA_NONTRANSITIONAL_TO_UNICODE;
  UIDNA* idna = uidna_openUTS46(options, &status);
  if (U_FAILURE(status)) return std::nullopt;
  std::string out(domain.size() * 4 + 64, '\0');
  UIDNAInfo info = UIDNA_INFO_INITIALIZER;
  int32_t length;
  auto run = [&]() {
    status = U_ZERO_ERROR;
    info = UIDNA_INFO_INITIALIZER;
    return to_ascii ? uidna_nameToASCII_UTF8(idna, domain.data(), static_cast<int32_t>(domain.size()), out.data(),
                                             static_cast<int32_t>(out.size()), &info, &status)
                    : uidna_nameToUnicodeUTF8(idna, domain.data(), static_cast<int32_t>(domain.size()), out.data(),
                                              static_cast<int32_t>(out.size()), &info, &status);
  };
  length = run();
  if (status == U_BUFFER_OVERFLOW_ERROR) {
    out.resize(static_cast<size_t>(length) + 1);
    length = run();
  }
  uidna_close(idna);
  if (U_FAILURE(status) || (info.errors & ~kIgnoredErrors) != 0) return std::nullopt;
  out.resize(static_cast<size_t>(length));
  return out;
}

void domain_to_ascii(const v8::FunctionCallbackInfo<v8::Value>& args) {
  auto result = convert(string_arg(args, 0), true);
  if (result) args.GetReturnValue().Set(to_v8(args.GetIsolate(), *result));
}

void domain_to_unicode(const v8::FunctionCallbackInfo<v8::Value>& args) {
  auto result = convert(string_arg(args, 0), false);
  if (result) args.GetReturnValue().Set(to_v8(args.GetIsolate(), *result));
}

}  // namespace

void init_url_binding(Runtime&, v8::Local<v8::Context> context, v8::Local<v8::Object> target) {
  set_method(context, target, "domainToASCII", domain_to_ascii);
  set_method(context, target, "domainToUnicode", domain_to_unicode);
}

}  // namespace lode::runtime
