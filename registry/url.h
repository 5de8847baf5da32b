// The slice of URL handling the registry client needs: splitting http(s) URLs into parts,
// npm's "nerf dart" key form (//host[:port]/path/) that scopes credentials, package-name
// encoding for document URLs, and resolving tarball paths against a registry.
#pragma once

#include <optional>
#include <string>
#include <string_view>

namespace lode {

struct Url {
  std::string scheme;  // lower case, without "://"
  std::string host;    // lower case; IPv6 literals keep their brackets
  std::string port;    // empty when absent or the scheme's default (80/443)
  std::string path;    // starts with '/', at least "/"
  std::string query;   // without '?'
};

// Parses an absolute http:// or https:// URL; nullopt for anything else.
std::optional<Url> parse_url(std::string_view text);

// "//host[:port]/path/" for `url`, with the last path segment dropped unless the path
// ends in '/' (as npm computes it); nullopt when `url` is not an http(s) URL.
std::optional<std::string> nerf_dart(std::string_view url);

// The document URL of a package: registry + name, with a scope's slash encoded
// ("@scope/name" → "@scope%2fname"). `registry` must end in '/'.
std::string package_document_url(std::string_view registry, std::string_view package_name);

// Percent-encodes every byte outside RFC 3986's unreserved set and '@'.
std::string percent_encode(std::string_view text);

}  // namespace lode
