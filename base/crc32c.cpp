#include "base/crc32c.h"

#include <array>
#include <cstring>

#if defined(__x86_64__)
#include <nmmintrin.h>
#endif

namespace lode {

namespace {

// The reflected polynomial 0x1EDC6F41, one byte at a time: machines without the instruction.
constexpr std::array<uint32_t, 256> kTable = [] {
  std::array<uint32_t, 256> table{};
  for (uint32_t i = 0; i < 256; ++i) {
    uint32_t crc = i;
    for (int bit = 0; bit < 8; ++bit) crc = (crc >> 1) ^ ((crc & 1) ? 0x82F63B78u : 0u);
    table[i] = crc;
  }
  return table;
}();

uint32_t update_portable(uint32_t crc, const unsigned char* data, size_t size) {
  for (size_t i = 0; i < size; ++i) crc = kTable[(crc ^ data[i]) & 0xFF] ^ (crc >> 8);
  return crc;
}

#if defined(__x86_64__)
__attribute__((target("sse4.2"))) uint32_t update_sse42(uint32_t crc, const unsigned char* data, size_t size) {
  uint64_t wide = crc;
  while (size >= 8) {
    uint64_t word;
    std::memcpy(&word, data, 8);
    wide = _mm_crc32_u64(wide, word);
    data += 8;
    size -= 8;
  }
  crc = static_cast<uint32_t>(wide);
  while (size > 0) {
    crc = _mm_crc32_u8(crc, *data++);
    --size;
  }
  return crc;
}

const bool kHasSse42 = [] {
  __builtin_cpu_init();  // this runs among the static initializers, maybe before libgcc's
  return __builtin_cpu_supports("sse4.2");
}();
#endif

}  // namespace

void Crc32c::update(std::string_view bytes) {
  const auto* data = reinterpret_cast<const unsigned char*>(bytes.data());
#if defined(__x86_64__)
  if (kHasSse42) {
    state_ = update_sse42(state_, data, bytes.size());
    return;
  }
#endif
  state_ = update_portable(state_, data, bytes.size());
}

std::string Crc32c::bytes() const {
  uint32_t crc = value();
  return {static_cast<char>(crc >> 24), static_cast<char>(crc >> 16), static_cast<char>(crc >> 8), static_cast<char>(crc)};
}

std::string crc32c_bytes(std::string_view bytes) {
  Crc32c crc;
  crc.update(bytes);
  return crc.bytes();
}

}  // namespace lode
