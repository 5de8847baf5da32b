// Which credentials go with a request. A credential is configured for a "nerf dart"
// (//host[:port]/path/:_authToken, :_auth, :username + :_password); a request URL gets
// the credential whose nerf dart is the longest prefix of the URL's own, so a token is
// never sent to another host, another port, or a path outside the one it was set for
// (tarball hosts included). Unscoped _authToken/_auth/username+_password (npm 8 style)
// apply only to URLs under the default registry.
#pragma once

#include <string>
#include <string_view>

#include "registry/config.h"

namespace lode {

struct Credentials {
  enum class Kind { kNone, kBearer, kBasic };
  Kind kind = Kind::kNone;
  // The bearer token, or base64("user:password") for basic auth.
  std::string value;
  // The config key that supplied it, for messages ("//host/:_authToken").
  std::string key;

  // The Authorization header value, or "" for kNone.
  std::string authorization_header() const;
};

// The credentials to send to `url` under `config`; kNone when nothing applies.
Credentials credentials_for_url(const Config& config, std::string_view url);

}  // namespace lode
