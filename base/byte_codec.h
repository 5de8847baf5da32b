// A small binary encoding for compact cache records: LEB128 varints (zig-zag for signed),
// length-prefixed strings, counted lists. ByteReader checks every length against the bytes
// left, so corrupt input makes it fail (ok() turns false) instead of over-reading or
// allocating huge buffers.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace lode {

class ByteWriter {
 public:
  void varint(uint64_t value);
  void signed_varint(int64_t value);
  void string(std::string_view text);
  void strings(const std::vector<std::string>& list);
  void string_views(const std::vector<std::string_view>& list);  // as strings() writes them
  void pairs(const std::vector<std::pair<std::string, std::string>>& list);
  void pair_views(const std::vector<std::pair<std::string_view, std::string_view>>& list);  // as pairs()
  void raw(std::string_view bytes) { out_.append(bytes); }
  std::string take() { return std::move(out_); }
  // What was written so far; clear() empties it and keeps its memory for the next use.
  std::string_view view() const { return out_; }
  void clear() { out_.clear(); }

 private:
  template <class List>
  void write_strings(const List& list);
  template <class List>
  void write_pairs(const List& list);

  std::string out_;
};

class ByteReader {
 public:
  explicit ByteReader(std::string_view bytes) : bytes_(bytes) {}

  // False once anything read past the end or was malformed; reads then return zeros.
  bool ok() const { return ok_; }
  bool at_end() const { return position_ == bytes_.size(); }

  uint64_t varint();
  int64_t signed_varint();
  std::string string();
  // As string(), viewing the input (valid while it lives) instead of copying it.
  std::string_view string_view();
  // `size` raw bytes.
  std::string raw(size_t size);
  // As raw(), viewing the input instead of copying it.
  std::string_view raw_view(size_t size);
  // Bytes consumed so far.
  size_t position() const { return position_; }
  // A list length, at most the number of bytes left (each item takes at least one).
  uint64_t count();
  std::vector<std::string> strings();
  std::vector<std::pair<std::string, std::string>> pairs();
  // Consumes `bytes` if they come next; otherwise fails.
  bool expect(std::string_view bytes);

 private:
  uint64_t broken();
  std::string_view bytes_;
  size_t position_ = 0;
  bool ok_ = true;
};

}  // namespace lode
