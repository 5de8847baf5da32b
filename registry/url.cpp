#include "registry/url.h"

#include <cctype>

#include "base/strings.h"

namespace lode {

std::optional<Url> parse_url(std::string_view text) {
  size_t scheme_end = text.find("://");
  if (scheme_end == std::string_view::npos) return std::nullopt;
  Url url;
  url.scheme = to_lower(text.substr(0, scheme_end));
  if (url.scheme != "http" && url.scheme != "https") return std::nullopt;
  std::string_view rest = text.substr(scheme_end + 3);
  size_t fragment = rest.find('#');
  if (fragment != std::string_view::npos) rest = rest.substr(0, fragment);
  size_t authority_end = rest.find_first_of("/?");
  std::string_view authority = rest.substr(0, authority_end);
  std::string_view tail = authority_end == std::string_view::npos ? "" : rest.substr(authority_end);
  if (size_t at = authority.rfind('@'); at != std::string_view::npos) authority.remove_prefix(at + 1);
  if (authority.empty()) return std::nullopt;

  std::string_view host = authority;
  std::string_view port;
  size_t colon = authority.rfind(':');
  size_t bracket = authority.rfind(']');
  if (colon != std::string_view::npos && (bracket == std::string_view::npos || colon > bracket)) {
    host = authority.substr(0, colon);
    port = authority.substr(colon + 1);
    for (char c : port) {
      if (!std::isdigit(static_cast<unsigned char>(c))) return std::nullopt;
    }
  }
  if (host.empty()) return std::nullopt;
  url.host = to_lower(host);
  bool default_port = (url.scheme == "http" && port == "80") || (url.scheme == "https" && port == "443");
  if (!default_port) url.port = std::string(port);

  size_t query = tail.find('?');
  url.path = std::string(tail.substr(0, query));
  if (query != std::string_view::npos) url.query = std::string(tail.substr(query + 1));
  if (url.path.empty()) url.path.push_back('/');  // (not = "/": GCC 12 -Wrestrict false positive)
  return url;
}

std::optional<std::string> nerf_dart(std::string_view text) {
  std::optional<Url> url = parse_url(text);
  if (!url) return std::nullopt;
  std::string path = url->path;
  path.resize(path.rfind('/') + 1);  // "directory" of the path, as URL.resolve(u, '.')
  std::string out = "//" + url->host;
  if (!url->port.empty()) out += ":" + url->port;
  out += path;
  return out;
}

std::string percent_encode(std::string_view text) {
  static constexpr char kHex[] = "0123456789ABCDEF";
  std::string out;
  for (char c : text) {
    unsigned char byte = static_cast<unsigned char>(c);
    if (std::isalnum(byte) || c == '-' || c == '.' || c == '_' || c == '~' || c == '@') {
      out += c;
    } else {
      out += '%';
      out += kHex[byte >> 4];
      out += kHex[byte & 0xF];
    }
  }
  return out;
}

std::string package_document_url(std::string_view registry, std::string_view package_name) {
  std::string out(registry);
  if (package_name.starts_with('@')) {
    size_t slash = package_name.find('/');
    if (slash != std::string_view::npos) {
      // npm writes the encoded slash in lower case; registries accept both.
      out += percent_encode(package_name.substr(0, slash));
      out += "%2f";
      out += percent_encode(package_name.substr(slash + 1));
      return out;
    }
  }
  out += percent_encode(package_name);
  return out;
}

}  // namespace lode
