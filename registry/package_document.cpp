#include "registry/package_document.h"

#include <stdexcept>

#include "base/byte_codec.h"
#include "base/crc32c.h"

namespace lode {

namespace {

// Layout: "LDOC", a format version byte, the CRC-32C of the rest (4 bytes), then in
// base/byte_codec.h's encoding: name, modified, dist-tags, the publish times as one
// length-prefixed block, the version count, and per version its version string and its
// manifest's other fields as one length-prefixed record. The prefixes let DocumentView
// step over what it does not decode. Bump kFormat when the layout changes: old cache
// entries then fail to open and are refetched.
constexpr std::string_view kMagic = "LDOC";
constexpr uint8_t kFormat = 2;
constexpr size_t kChecksumSize = 4;
constexpr size_t kHeaderSize = 5 + kChecksumSize;

void write_record(ByteWriter& out, const PackageVersion& v) {
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

// Fills `v`'s fields but its version; false when the record does not decode whole.
bool read_record(ByteReader& in, PackageVersion& v) {
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
  return in.ok() && in.at_end();
}

std::unexpected<Error> corrupt() {
  return fail(ErrorCode::kParse, "cached package document is corrupt or from another lode version");
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
  ByteWriter body;
  body.string(document.name);
  body.string(document.modified);
  body.pairs(document.dist_tags);
  ByteWriter times;
  times.pairs(document.times);
  body.string(times.take());
  body.varint(document.versions.size());
  for (const PackageVersion& version : document.versions) {
    body.string(version.version);
    ByteWriter record;
    write_record(record, version);
    body.string(record.take());
  }
  std::string encoded(kMagic);
  encoded.push_back(static_cast<char>(kFormat));
  std::string rest = body.take();
  encoded += crc32c_bytes(rest);
  encoded += rest;
  return encoded;
}

Result<DocumentView> DocumentView::open(std::string encoded) {
  std::string_view bytes(encoded);
  if (bytes.size() < kHeaderSize || !bytes.starts_with(kMagic) || static_cast<uint8_t>(bytes[4]) != kFormat ||
      bytes.substr(5, kChecksumSize) != crc32c_bytes(bytes.substr(kHeaderSize))) {
    return corrupt();
  }
  DocumentView view;
  ByteReader in(bytes.substr(kHeaderSize));
  view.name_ = in.string();
  view.modified_ = in.string();
  view.dist_tags_ = in.pairs();
  view.times_size_ = in.varint();
  view.times_offset_ = kHeaderSize + in.position();
  in.raw_view(view.times_size_);
  uint64_t count = in.count();
  view.versions_.reserve(count);
  for (uint64_t i = 0; i < count && in.ok(); ++i) {
    Entry entry{};
    entry.version_size = in.varint();
    entry.version_offset = kHeaderSize + in.position();
    in.raw_view(entry.version_size);
    entry.record_size = in.varint();
    entry.record_offset = kHeaderSize + in.position();
    in.raw_view(entry.record_size);
    view.versions_.push_back(entry);
  }
  if (!in.ok() || !in.at_end()) return corrupt();
  view.encoded_ = std::move(encoded);
  view.manifests_.resize(view.versions_.size());
  return view;
}

DocumentView DocumentView::of(const PackageDocument& document) {
  Result<DocumentView> view = open(encode_document(document));
  if (!view) throw std::logic_error("encode_document made a document DocumentView cannot open");
  return std::move(*view);
}

std::optional<std::string_view> DocumentView::dist_tag(std::string_view tag) const {
  for (const auto& [name, version] : dist_tags_) {
    if (name == tag) return std::string_view(version);
  }
  return std::nullopt;
}

std::string_view DocumentView::version(size_t index) const {
  const Entry& entry = versions_.at(index);
  return std::string_view(encoded_).substr(entry.version_offset, entry.version_size);
}

const PackageVersion& DocumentView::manifest(size_t index) const {
  std::unique_ptr<PackageVersion>& slot = manifests_.at(index);
  if (slot) return *slot;
  const Entry& entry = versions_[index];
  auto manifest = std::make_unique<PackageVersion>();
  manifest->version = version(index);
  ByteReader in(std::string_view(encoded_).substr(entry.record_offset, entry.record_size));
  // The checksum held when the view was opened: a record that does not decode is a bug.
  if (!read_record(in, *manifest)) throw std::logic_error("undecodable record in a checked package document");
  slot = std::move(manifest);
  return *slot;
}

const PackageVersion* DocumentView::find_version(std::string_view version_string) const {
  for (size_t i = 0; i < versions_.size(); ++i) {
    if (version(i) == version_string) return &manifest(i);
  }
  return nullptr;
}

PackageDocument DocumentView::decode() const {
  PackageDocument document;
  document.name = name_;
  document.modified = modified_;
  document.dist_tags = dist_tags_;
  ByteReader times(std::string_view(encoded_).substr(times_offset_, times_size_));
  document.times = times.pairs();
  if (!times.ok() || !times.at_end()) throw std::logic_error("undecodable times in a checked package document");
  document.versions.reserve(versions_.size());
  for (size_t i = 0; i < versions_.size(); ++i) document.versions.push_back(manifest(i));
  return document;
}

Result<PackageDocument> decode_document(std::string_view bytes) {
  Result<DocumentView> view = DocumentView::open(std::string(bytes));
  if (!view) return std::unexpected(view.error());
  return view->decode();
}

}  // namespace lode
