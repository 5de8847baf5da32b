#include "base/byte_codec.h"

namespace lode {

void ByteWriter::varint(uint64_t value) {
  while (value >= 0x80) {
    out_ += static_cast<char>((value & 0x7F) | 0x80);
    value >>= 7;
  }
  out_ += static_cast<char>(value);
}

void ByteWriter::signed_varint(int64_t value) {
  varint((static_cast<uint64_t>(value) << 1) ^ static_cast<uint64_t>(value >> 63));
}

void ByteWriter::string(std::string_view text) {
  varint(text.size());
  out_.append(text);
}

template <class List>
void ByteWriter::write_strings(const List& list) {
  varint(list.size());
  for (std::string_view item : list) string(item);
}

template <class List>
void ByteWriter::write_pairs(const List& list) {
  varint(list.size());
  for (const auto& [key, value] : list) {
    string(key);
    string(value);
  }
}

void ByteWriter::strings(const std::vector<std::string>& list) { write_strings(list); }

void ByteWriter::string_views(const std::vector<std::string_view>& list) { write_strings(list); }

void ByteWriter::pairs(const std::vector<std::pair<std::string, std::string>>& list) { write_pairs(list); }

void ByteWriter::pair_views(const std::vector<std::pair<std::string_view, std::string_view>>& list) {
  write_pairs(list);
}

uint64_t ByteReader::broken() {
  ok_ = false;
  position_ = bytes_.size();
  return 0;
}

uint64_t ByteReader::varint() {
  uint64_t value = 0;
  for (int shift = 0; shift < 64; shift += 7) {
    if (position_ >= bytes_.size()) return broken();
    uint8_t byte = static_cast<uint8_t>(bytes_[position_++]);
    value |= static_cast<uint64_t>(byte & 0x7F) << shift;
    if (!(byte & 0x80)) return value;
  }
  return broken();
}

int64_t ByteReader::signed_varint() {
  uint64_t value = varint();
  return static_cast<int64_t>((value >> 1) ^ (~(value & 1) + 1));
}

std::string ByteReader::raw(size_t size) { return std::string(raw_view(size)); }

std::string ByteReader::string() { return raw(varint()); }

std::string_view ByteReader::string_view() { return raw_view(varint()); }

std::string_view ByteReader::raw_view(size_t size) {
  if (!ok_ || size > bytes_.size() - position_) return broken(), std::string_view();
  std::string_view bytes = bytes_.substr(position_, size);
  position_ += size;
  return bytes;
}

uint64_t ByteReader::count() {
  uint64_t n = varint();
  if (n > bytes_.size() - position_) return broken();
  return n;
}

std::vector<std::string> ByteReader::strings() {
  std::vector<std::string> list(count());
  for (std::string& item : list) item = string();
  return list;
}

std::vector<std::pair<std::string, std::string>> ByteReader::pairs() {
  std::vector<std::pair<std::string, std::string>> list(count());
  for (auto& [key, value] : list) {
    key = string();
    value = string();
  }
  return list;
}

bool ByteReader::expect(std::string_view bytes) {
  if (bytes_.substr(position_, bytes.size()) != bytes) return broken(), false;
  position_ += bytes.size();
  return true;
}

}  // namespace lode
