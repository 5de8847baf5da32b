// A package document ("packument") reduced to what resolution and installation need:
// per version its dependencies of each kind, bins, engines, platform constraints, dist
// (tarball, integrity, shasum), deprecation and install-script flag; plus dist-tags and
// publish times. Full and abbreviated registry documents both reduce to this.
//
// encode_document/decode_document give the compact binary form the cache stores, so a
// cached document loads without parsing JSON again. DocumentView reads that form in place,
// decoding a version's manifest only when it is asked for: resolution looks at one or two
// versions of most packages, and decoding all of them (typescript has 3,478) was most of
// the time and memory a resolution from a warm cache took.
#pragma once

#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "base/byte_codec.h"
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

// The compact binary form (versioned, with a checksum; see the .cpp for the layout).
std::string encode_document(const PackageDocument& document);

// One version's fields as views, for DocumentEncoder: the parser module fills it from
// simdjson's buffers, so a version costs no string copies (a PackageVersion made ~15
// allocations a version, ~400,000 in the api app's clean install).
struct VersionFields {
  using Pairs = std::vector<std::pair<std::string_view, std::string_view>>;
  using List = std::vector<std::string_view>;
  std::string_view version;
  Pairs dependencies;
  Pairs optional_dependencies;
  Pairs peer_dependencies;
  List optional_peers;
  List bundled;
  Pairs bin;
  std::string_view bin_directory;
  Pairs engines;
  List os;
  List cpu;
  List libc;
  std::string_view tarball;
  std::string_view integrity;
  std::string_view shasum;
  int64_t unpacked_size = -1;
  int64_t file_count = -1;
  std::string_view deprecated;
  bool has_install_script = false;
  bool has_shrinkwrap = false;

  // The views of `version`'s fields (valid while it lives).
  static VersionFields of(const PackageVersion& version);
  // Empties every field, keeping the lists' memory for the next version.
  void clear();
};

// Writes encode_document's form as a parser reads a document, a version at a time. Each
// version is encoded when it is added; the name and modified time are copied; dist-tags
// and times are written at finish(), so their views must live until then.
class DocumentEncoder {
 public:
  void set_name(std::string_view name) { name_.assign(name); }
  bool has_name() const { return !name_.empty(); }
  void set_modified(std::string_view modified) { modified_.assign(modified); }
  void add_dist_tag(std::string_view tag, std::string_view version) { dist_tags_.emplace_back(tag, version); }
  void add_time(std::string_view key, std::string_view time) { times_.emplace_back(key, time); }
  void add_version(const VersionFields& version);
  // Writes the encoded document into `out` (replacing what it held) and empties the
  // encoder for the next document, keeping its memory.
  void finish(std::string& out);
  // Empties the encoder (a document that failed half-way), keeping its memory.
  void clear();

 private:
  std::string name_;
  std::string modified_;
  VersionFields::Pairs dist_tags_;
  VersionFields::Pairs times_;
  std::string tarball_base_;  // the first "<base><version>.tgz" base seen (never empty once seen)
  uint64_t version_count_ = 0;
  ByteWriter versions_;  // each version's string and record, length-prefixed
  ByteWriter record_;    // scratch: one version's record
  std::string decoded_;  // scratch: integrity and shasum checks
  std::string encoded_;
};

// A document in its encoded form: the name, dist-tags and version strings are read when it
// is opened; each version's manifest is decoded on first use and kept. Not safe to share
// between threads (manifest() fills a cache).
class DocumentView {
 public:
  // Views encode_document's output. Fails (kParse) on truncated, damaged or foreign data,
  // so a corrupt cache entry is refetched rather than trusted.
  static Result<DocumentView> open(std::string encoded);
  // The view of a document at hand (one just parsed).
  static DocumentView of(const PackageDocument& document);

  const std::string& name() const { return name_; }
  // The encoded form it views.
  std::string_view bytes() const { return encoded_; }
  std::optional<std::string_view> dist_tag(std::string_view tag) const;
  // Versions, in the document's order.
  size_t size() const { return versions_.size(); }
  std::string_view version(size_t index) const;
  const PackageVersion& manifest(size_t index) const;
  // The manifest of `version`, or nullptr when the document has no such version.
  const PackageVersion* find_version(std::string_view version) const;
  // Every field, decoded.
  PackageDocument decode() const;

 private:
  struct Entry {
    size_t version_offset, version_size, record_offset, record_size;
  };
  std::string encoded_;
  std::string name_;
  std::string modified_;
  StringPairs dist_tags_;
  size_t times_offset_ = 0;
  size_t times_size_ = 0;
  std::string tarball_base_;
  std::vector<Entry> versions_;
  mutable std::vector<std::unique_ptr<PackageVersion>> manifests_;
};

// Decodes encode_document's output whole. Fails (kParse) as DocumentView::open does.
Result<PackageDocument> decode_document(std::string_view bytes);

}  // namespace lode
