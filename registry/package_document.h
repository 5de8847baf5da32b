// A package document ("packument") reduced to what resolution and installation need:
// per version its dependencies of each kind, bins, engines, platform constraints, dist
// (tarball, integrity, shasum), deprecation and install-script flag; plus dist-tags and
// publish times. Full and abbreviated registry documents both reduce to this.
//
// encode_document/decode_document give the compact binary form the cache stores, so a
// cached document loads without parsing JSON again.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "base/error.h"

namespace lode {

// An ordered list of name → value pairs (dependencies, bins, engines, dist-tags, times).
using StringPairs = std::vector<std::pair<std::string, std::string>>;

struct PackageVersion {
  std::string version;
  StringPairs dependencies;
  StringPairs optional_dependencies;
  StringPairs peer_dependencies;
  std::vector<std::string> optional_peers;  // peerDependenciesMeta entries with optional: true
  std::vector<std::string> bundled;         // bundleDependencies (`true` means all dependencies)
  StringPairs bin;                          // command → path; the string form is normalised
  std::string bin_directory;                // directories.bin, when bin is absent
  StringPairs engines;                      // "node" → ">=18"
  std::vector<std::string> os;
  std::vector<std::string> cpu;
  std::vector<std::string> libc;
  std::string tarball;
  std::string integrity;  // SRI, when published
  std::string shasum;     // hex sha1 (older packages have only this)
  int64_t unpacked_size = -1;
  int64_t file_count = -1;
  std::string deprecated;  // the deprecation message; empty when not deprecated
  bool has_install_script = false;
  bool has_shrinkwrap = false;

  bool operator==(const PackageVersion&) const = default;
};

struct PackageDocument {
  std::string name;
  StringPairs dist_tags;  // tag → version
  std::vector<PackageVersion> versions;
  StringPairs times;      // version (or "created"/"modified") → ISO 8601 time
  std::string modified;

  const PackageVersion* find_version(std::string_view version) const;
  std::optional<std::string_view> dist_tag(std::string_view tag) const;
  bool operator==(const PackageDocument&) const = default;
};

// The compact binary form (versioned; see the .cpp for the layout).
std::string encode_document(const PackageDocument& document);

// Decodes encode_document's output. Fails (kParse) on truncated or foreign data, so a
// corrupt cache entry is refetched rather than trusted.
Result<PackageDocument> decode_document(std::string_view bytes);

}  // namespace lode
