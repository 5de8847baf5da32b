#include "registry/package_document.h"

#include <stdexcept>

#include "base/byte_codec.h"
#include "base/crc32c.h"
#include "base/encoding.h"

namespace lode {

namespace {

// Layout: "LDOC", a format version byte, the CRC-32C of the rest (4 bytes), then in
// base/byte_codec.h's encoding: name, modified, dist-tags, the publish times as one
// length-prefixed block, the tarball base (below), the version count, and per version its
// version string and its manifest's other fields as one length-prefixed record. The
// prefixes let DocumentView step over what it does not decode. Bump kFormat when the
// layout changes: old cache entries then fail to open and are refetched.
//
// Tarball URL, integrity and shasum were 55% of a record (alotta-packages' 2,316
// documents: 70, 96 and 41 of 380 bytes a version), and mostly follow a pattern: the URL
// is "<base><version>.tgz" with one base per document, the integrity a sha512 in base64,
// the shasum hex. Each is written as a tag (kAsWritten or kPacked) and, packed, only the
// raw bytes the pattern cannot rebuild.
constexpr std::string_view kMagic = "LDOC";
constexpr uint8_t kFormat = 3;
constexpr size_t kChecksumSize = 4;
constexpr size_t kHeaderSize = 5 + kChecksumSize;
constexpr uint64_t kAsWritten = 0;
constexpr uint64_t kPacked = 1;
constexpr std::string_view kSha512 = "sha512-";
constexpr size_t kSha512Size = 64;
constexpr size_t kSha1Size = 20;

// The tarball URL's base when it ends with "<version>.tgz".
std::optional<std::string_view> tarball_base(std::string_view tarball, std::string_view version) {
  if (tarball.size() <= version.size() + 4 || !tarball.ends_with(".tgz")) return std::nullopt;
  std::string_view head = tarball.substr(0, tarball.size() - 4);
  if (!head.ends_with(version)) return std::nullopt;
  return head.substr(0, head.size() - version.size());
}

void write_packed(ByteWriter& out, std::string_view text, std::optional<std::string_view> packed) {
  if (packed) {
    out.varint(kPacked);
    out.raw(*packed);
  } else {
    out.varint(kAsWritten);
    out.string(text);
  }
}

// The bytes `text` is the canonical encoding of (base64 or hex), when it is one and
// decodes to `size` bytes: a view of `decoded` (the scratch buffers are the caller's).
template <class Decode, class Encode>
std::optional<std::string_view> canonical_bytes(std::string_view text, size_t size, Decode decode, Encode encode,
                                                std::string& decoded, std::string& encoded) {
  decoded.clear();
  encoded.clear();
  if (!decode(text, decoded) || decoded.size() != size) return std::nullopt;
  encode(decoded, encoded);
  if (encoded != text) return std::nullopt;
  return std::string_view(decoded);
}

}  // namespace

void DocumentEncoder::add_version(const VersionFields& v) {
  std::optional<std::string_view> base = tarball_base(v.tarball, v.version);
  if (tarball_base_.empty() && base) tarball_base_.assign(*base);
  ByteWriter& out = record_;
  out.clear();
  out.pair_views(v.dependencies);
  out.pair_views(v.optional_dependencies);
  out.pair_views(v.peer_dependencies);
  out.string_views(v.optional_peers);
  out.string_views(v.bundled);
  out.pair_views(v.bin);
  out.string(v.bin_directory);
  out.pair_views(v.engines);
  out.string_views(v.os);
  out.string_views(v.cpu);
  out.string_views(v.libc);
  // Packed, the pattern rebuilds the URL whole: no bytes follow the tag.
  bool usual_tarball = !tarball_base_.empty() && base == std::string_view(tarball_base_);
  write_packed(out, v.tarball, usual_tarball ? std::optional<std::string_view>("") : std::nullopt);
  std::optional<std::string_view> integrity;
  if (v.integrity.starts_with(kSha512)) {
    integrity = canonical_bytes(v.integrity.substr(kSha512.size()), kSha512Size, base64_decode_append,
                                base64_encode_append, decoded_, encoded_);
  }
  write_packed(out, v.integrity, integrity);
  write_packed(out, v.shasum,
               canonical_bytes(v.shasum, kSha1Size, hex_decode_append, hex_encode_append, decoded_, encoded_));
  out.signed_varint(v.unpacked_size);
  out.signed_varint(v.file_count);
  out.string(v.deprecated);
  out.varint((v.has_install_script ? 1u : 0u) | (v.has_shrinkwrap ? 2u : 0u));
  versions_.string(v.version);
  versions_.string(out.view());
  ++version_count_;
}

void DocumentEncoder::finish(std::string& out) {
  ByteWriter body;
  body.string(name_);
  body.string(modified_);
  body.pair_views(dist_tags_);
  record_.clear();
  record_.pair_views(times_);
  body.string(record_.view());
  body.string(tarball_base_);
  body.varint(version_count_);
  body.raw(versions_.view());
  std::string rest = body.take();
  out.assign(kMagic);
  out.push_back(static_cast<char>(kFormat));
  out += crc32c_bytes(rest);
  out += rest;
  clear();
}

void DocumentEncoder::clear() {
  name_.clear();
  modified_.clear();
  dist_tags_.clear();
  times_.clear();
  tarball_base_.clear();
  version_count_ = 0;
  versions_.clear();
}

VersionFields VersionFields::of(const PackageVersion& v) {
  auto pairs = [](const StringPairs& list) {
    Pairs views;
    views.reserve(list.size());
    for (const auto& [key, value] : list) views.emplace_back(key, value);
    return views;
  };
  auto strings = [](const std::vector<std::string>& list) { return List(list.begin(), list.end()); };
  VersionFields fields;
  fields.version = v.version;
  fields.dependencies = pairs(v.dependencies);
  fields.optional_dependencies = pairs(v.optional_dependencies);
  fields.peer_dependencies = pairs(v.peer_dependencies);
  fields.optional_peers = strings(v.optional_peers);
  fields.bundled = strings(v.bundled);
  fields.bin = pairs(v.bin);
  fields.bin_directory = v.bin_directory;
  fields.engines = pairs(v.engines);
  fields.os = strings(v.os);
  fields.cpu = strings(v.cpu);
  fields.libc = strings(v.libc);
  fields.tarball = v.tarball;
  fields.integrity = v.integrity;
  fields.shasum = v.shasum;
  fields.unpacked_size = v.unpacked_size;
  fields.file_count = v.file_count;
  fields.deprecated = v.deprecated;
  fields.has_install_script = v.has_install_script;
  fields.has_shrinkwrap = v.has_shrinkwrap;
  return fields;
}

void VersionFields::clear() {
  for (Pairs* list : {&dependencies, &optional_dependencies, &peer_dependencies, &bin, &engines}) list->clear();
  for (List* list : {&optional_peers, &bundled, &os, &cpu, &libc}) list->clear();
  version = bin_directory = tarball = integrity = shasum = deprecated = {};
  unpacked_size = file_count = -1;
  has_install_script = has_shrinkwrap = false;
}

namespace {

std::string read_tarball(ByteReader& in, std::string_view base, std::string_view version) {
  if (in.varint() != kPacked) return in.string();
  std::string tarball(base);
  tarball.append(version).append(".tgz");
  return tarball;
}

std::string read_integrity(ByteReader& in) {
  if (in.varint() != kPacked) return in.string();
  return std::string(kSha512) + base64_encode(in.raw_view(kSha512Size));
}

std::string read_shasum(ByteReader& in) {
  if (in.varint() != kPacked) return in.string();
  return hex_encode(in.raw_view(kSha1Size));
}

// Fills `v`'s fields but its version (which must be set); false when the record does not
// decode whole.
bool read_record(ByteReader& in, PackageVersion& v, std::string_view base) {
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
  v.tarball = read_tarball(in, base, v.version);
  v.integrity = read_integrity(in);
  v.shasum = read_shasum(in);
  v.unpacked_size = in.signed_varint();
  v.file_count = in.signed_varint();
  v.deprecated = in.string();
  uint64_t flags = in.varint();
  v.has_install_script = flags & 1;
  v.has_shrinkwrap = flags & 2;
  return in.ok() && in.at_end();
}

std::optional<std::string_view> tagged_version(const StringPairs& dist_tags, std::string_view tag) {
  for (const auto& [name, version] : dist_tags) {
    if (name == tag) return std::string_view(version);
  }
  return std::nullopt;
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
  return tagged_version(dist_tags, tag);
}

std::string encode_document(const PackageDocument& document) {
  DocumentEncoder encoder;
  encoder.set_name(document.name);
  encoder.set_modified(document.modified);
  for (const auto& [tag, version] : document.dist_tags) encoder.add_dist_tag(tag, version);
  for (const auto& [key, time] : document.times) encoder.add_time(key, time);
  for (const PackageVersion& version : document.versions) encoder.add_version(VersionFields::of(version));
  std::string encoded;
  encoder.finish(encoded);
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
  view.tarball_base_ = in.string();
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
  return tagged_version(dist_tags_, tag);
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
  if (!read_record(in, *manifest, tarball_base_)) throw std::logic_error("undecodable record in a checked package document");
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
