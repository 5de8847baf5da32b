#include "base/fast_hash.h"

#include <cstring>

namespace lode {

namespace {

constexpr uint64_t kMultiplyA = 0x9e3779b97f4a7c15ULL;
constexpr uint64_t kMultiplyB = 0xc2b2ae3d27d4eb4fULL;

uint64_t rotate(uint64_t value, int bits) { return (value << bits) | (value >> (64 - bits)); }

// Spreads every input bit over the whole word (the finaliser of MurmurHash3, a known
// good avalanche).
uint64_t mix(uint64_t value) {
  value ^= value >> 33;
  value *= 0xff51afd7ed558ccdULL;
  value ^= value >> 33;
  value *= 0xc4ceb9fe1a85ec53ULL;
  value ^= value >> 33;
  return value;
}

}  // namespace

void FastHash::update(std::string_view bytes) {
  length_ += bytes.size();
  size_t i = 0;
  for (; i + 8 <= bytes.size(); i += 8) {
    uint64_t word;
    std::memcpy(&word, bytes.data() + i, 8);
    a_ = rotate(a_ ^ (word * kMultiplyA), 31) * kMultiplyB;
    b_ = rotate(b_ ^ (word * kMultiplyB), 29) * kMultiplyA + a_;
  }
  uint64_t tail = 0;
  std::memcpy(&tail, bytes.data() + i, bytes.size() - i);
  tail ^= static_cast<uint64_t>(bytes.size() - i) << 56;
  a_ = rotate(a_ ^ (tail * kMultiplyA), 31) * kMultiplyB;
  b_ = rotate(b_ ^ (tail * kMultiplyB), 29) * kMultiplyA + a_;
}

std::string FastHash::hex() const {
  static constexpr char kDigits[] = "0123456789abcdef";
  uint64_t words[2] = {mix(a_ ^ length_), mix(b_ + rotate(a_, 17) + length_)};
  std::string out;
  for (uint64_t word : words) {
    for (int shift = 60; shift >= 0; shift -= 4) out += kDigits[(word >> shift) & 0xF];
  }
  return out;
}

}  // namespace lode
