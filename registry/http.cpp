#include "registry/http.h"

#include <charconv>

namespace lode {

std::optional<uint64_t> content_length(const std::vector<HttpHeader>& headers) {
  for (const HttpHeader& header : headers) {
    if (header.name != "content-length") continue;
    uint64_t length = 0;
    auto [end, parsed] = std::from_chars(header.value.data(), header.value.data() + header.value.size(), length);
    if (parsed == std::errc() && end == header.value.data() + header.value.size()) return length;
    return std::nullopt;
  }
  return std::nullopt;
}

std::optional<std::string_view> HttpResponse::header(std::string_view name) const {
  for (const HttpHeader& header : headers) {
    if (header.name == name) return std::string_view(header.value);
  }
  return std::nullopt;
}

}  // namespace lode
