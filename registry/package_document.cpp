#include "registry/package_document.h"

#include "base/byte_codec.h"

namespace lode {

namespace {

// Layout: "LDOC", a format version byte, then fields in declaration order, in
// base/byte_codec.h's encoding. Bump kFormat when the layout changes: old
// cache entries then fail to decode and are refetched.
constexpr std::string_view kMagic = "LDOC";
constexpr uint8_t kFormat = 1;

void write_version(ByteWriter& out, const PackageVersion& v) {
  out.string(v.version);
  out.pairs(v.dependencies);
  out.pairs(v.optional_dependencies);
  out.pairs(v.peer_dependencies);
  out.strings(v.optional_peers);
  out.strings(v.bundled);
  out.pairs(v.bin);
  out.string(v.bin_directory);
  out.pairs(v.engines);
  out.strings(v.os);
  out.strings(v.cpu);
  out.strings(v.libc);
  out.string(v.tarball);
  out.string(v.integrity);
  out.string(v.shasum);
  out.signed_varint(v.unpacked_size);
  out.signed_varint(v.file_count);
  out.string(v.deprecated);
  out.varint((v.has_install_script ? 1u : 0u) | (v.has_shrinkwrap ? 2u : 0u));
}

PackageVersion read_version(ByteReader& in) {
  PackageVersion v;
  v.version = in.string();
  v.dependencies = in.pairs();
  v.optional_dependencies = in.pairs();
  v.peer_dependencies = in.pairs();
  v.optional_peers = in.strings();
  v.bundled = in.strings();
  v.bin = in.pairs();
  v.bin_directory = in.string();
  v.engines = in.pairs();
  v.os = in.strings();
  v.cpu = in.strings();
  v.libc = in.strings();
  v.tarball = in.string();
  v.integrity = in.string();
  v.shasum = in.string();
  v.unpacked_size = in.signed_varint();
  v.file_count = in.signed_varint();
  v.deprecated = in.string();
  uint64_t flags = in.varint();
  v.has_install_script = flags & 1;
  v.has_shrinkwrap = flags & 2;
  return v;
}

}  // namespace

const PackageVersion* PackageDocument::find_version(std::string_view version) const {
  for (const PackageVersion& candidate : versions) {
    if (candidate.version == version) return &candidate;
  }
  return nullptr;
}

std::optional<std::string_view> PackageDocument::dist_tag(std::string_view tag) const {
  for (const auto& [name, version] : dist_tags) {
    if (name == tag) return std::string_view(version);
  }
  return std::nullopt;
}

std::string encode_document(const PackageDocument& document) {
  ByteWriter out;
  out.raw(kMagic);
  out.raw(std::string_view(reinterpret_cast<const char*>(&kFormat), 1));
  out.string(document.name);
  out.string(document.modified);
  out.pairs(document.dist_tags);
  out.pairs(document.times);
  out.varint(document.versions.size());
  for (const PackageVersion& version : document.versions) write_version(out, version);
  return out.take();
}

Result<PackageDocument> decode_document(std::string_view bytes) {
  ByteReader in(bytes);
  PackageDocument document;
  if (in.expect(kMagic) && in.expect(std::string_view(reinterpret_cast<const char*>(&kFormat), 1))) {
    document.name = in.string();
    document.modified = in.string();
    document.dist_tags = in.pairs();
    document.times = in.pairs();
    uint64_t count = in.count();
    document.versions.reserve(count);
    for (uint64_t i = 0; i < count && in.ok(); ++i) document.versions.push_back(read_version(in));
  }
  if (!in.ok() || !in.at_end()) {
    return fail(ErrorCode::kParse, "cached package document is corrupt or from another lode version");
  }
  return document;
}

}  // namespace lode
