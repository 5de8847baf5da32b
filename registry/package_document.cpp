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

// The bytes `text` is the canonical `encode` of, when it is one and of `size` bytes.
template <class Decode, class Encode>
std::optional<std::string> canonical_bytes(std::string_view text, size_t size, Decode decode, Encode encode) {
  std::optional<std::string> bytes = decode(text);
  if (!bytes || bytes->size() != size || encode(*bytes) != text) return std::nullopt;
  return bytes;
}

void write_packed(ByteWriter& out, std::string_view text, const std::optional<std::string>& packed) {
  if (packed) {
    out.varint(kPacked);
    out.raw(*packed);
  } else {
    out.varint(kAsWritten);
    out.string(text);
  }
}

void write_tarball(ByteWriter& out, const PackageVersion& v, std::string_view base) {
  // Packed, the pattern rebuilds it all: no bytes follow the tag.
  bool usual = !base.empty() && tarball_base(v.tarball, v.version) == base;
  write_packed(out, v.tarball, usual ? std::optional<std::string>(std::string()) : std::nullopt);
}

void write_integrity(ByteWriter& out, std::string_view integrity) {
  std::optional<std::string> packed;
  if (integrity.starts_with(kSha512)) {
    packed = canonical_bytes(integrity.substr(kSha512.size()), kSha512Size, base64_decode, base64_encode);
  }
  write_packed(out, integrity, packed);
}

void write_shasum(ByteWriter& out, std::string_view shasum) {
  write_packed(out, shasum, canonical_bytes(shasum, kSha1Size, hex_decode, hex_encode));
}

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

void write_record(ByteWriter& out, const PackageVersion& v, std::string_view base) {
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
  write_tarball(out, v, base);
  write_integrity(out, v.integrity);
  write_shasum(out, v.shasum);
  out.signed_varint(v.unpacked_size);
  out.signed_varint(v.file_count);
  out.string(v.deprecated);
  out.varint((v.has_install_script ? 1u : 0u) | (v.has_shrinkwrap ? 2u : 0u));
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
  ByteWriter body;
  body.string(document.name);
  body.string(document.modified);
  body.pairs(document.dist_tags);
  ByteWriter times;
  times.pairs(document.times);
  body.string(times.take());
  std::string_view base;
  for (const PackageVersion& version : document.versions) {
    if (auto found = tarball_base(version.tarball, version.version)) {
      base = *found;
      break;
    }
  }
  body.string(base);
  body.varint(document.versions.size());
  for (const PackageVersion& version : document.versions) {
    body.string(version.version);
    ByteWriter record;
    write_record(record, version, base);
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
