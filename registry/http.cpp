#include "registry/http.h"

namespace lode {

std::optional<std::string_view> HttpResponse::header(std::string_view name) const {
  for (const HttpHeader& header : headers) {
    if (header.name == name) return std::string_view(header.value);
  }
  return std::nullopt;
}

}  // namespace lode
