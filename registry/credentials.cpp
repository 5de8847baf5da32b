#include "registry/credentials.h"

#include <optional>

#include "base/encoding.h"
#include "registry/url.h"

namespace lode {

namespace {

// A value still holding ${VAR} names an unset variable: sending it would only leak the
// variable's name, so it counts as no credential.
bool usable(std::optional<std::string_view> value) {
  return value && !value->empty() && value->find("${") == std::string_view::npos;
}

// The credential configured under `prefix` ("" for the unscoped legacy keys).
std::optional<Credentials> credentials_at(const Config& config, const std::string& prefix) {
  std::string separator = prefix.empty() ? "" : ":";
  std::string token_key = prefix + separator + "_authToken";
  if (auto token = config.get(token_key); usable(token)) {
    return Credentials{Credentials::Kind::kBearer, std::string(*token), token_key};
  }
  std::string auth_key = prefix + separator + "_auth";
  if (auto auth = config.get(auth_key); usable(auth)) {
    return Credentials{Credentials::Kind::kBasic, std::string(*auth), auth_key};
  }
  std::string user_key = prefix + separator + "username";
  std::string password_key = prefix + separator + "_password";
  auto user = config.get(user_key);
  auto password = config.get(password_key);
  if (usable(user) && usable(password)) {
    // npm stores _password base64-encoded; a value that does not decode is taken as is.
    std::string plain = base64_decode(*password).value_or(std::string(*password));
    return Credentials{Credentials::Kind::kBasic, base64_encode(std::string(*user) + ":" + plain),
                       user_key};
  }
  return std::nullopt;
}

}  // namespace

std::string Credentials::authorization_header() const {
  switch (kind) {
    case Kind::kNone: return "";
    case Kind::kBearer: return "Bearer " + value;
    case Kind::kBasic: return "Basic " + value;
  }
  return "";
}

Credentials credentials_for_url(const Config& config, std::string_view url) {
  std::optional<std::string> nerf = nerf_dart(url);
  if (!nerf) return {};
  size_t host_end = nerf->find('/', 2);  // "//host[:port]" ends at the path's first slash
  std::string prefix = *nerf;
  while (true) {
    if (auto found = credentials_at(config, prefix)) return *found;
    if (prefix.size() <= host_end + 1) break;
    prefix.pop_back();
    prefix.resize(prefix.rfind('/') + 1);
  }
  Result<std::string> registry = config.registry();
  if (!registry) return {};
  std::optional<std::string> registry_nerf = nerf_dart(*registry);
  if (registry_nerf && nerf->starts_with(*registry_nerf)) {
    if (auto found = credentials_at(config, "")) return *found;
  }
  return {};
}

}  // namespace lode
