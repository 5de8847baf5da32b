// CRC-32C against the standard's check value and a bit-at-a-time reference.
#include <catch2/catch.hpp>

#include <string>

#include "base/crc32c.h"

using namespace lode;

namespace {

uint32_t reference_crc32c(std::string_view bytes) {
  uint32_t crc = ~0u;
  for (unsigned char byte : bytes) {
    crc ^= byte;
    for (int bit = 0; bit < 8; ++bit) crc = (crc >> 1) ^ ((crc & 1) ? 0x82F63B78u : 0u);
  }
  return ~crc;
}

}  // namespace

TEST_CASE("CRC-32C gives the standard check value and its bytes most significant first", "[base]") {
  Crc32c crc;
  crc.update("123456789");
  CHECK(crc.value() == 0xE3069283u);
  CHECK(crc32c_bytes("123456789") == std::string("\xE3\x06\x92\x83", 4));
  CHECK(Crc32c().value() == 0u);
}

TEST_CASE("CRC-32C is the same however the input is split", "[base]") {
  std::string data;
  for (int i = 0; i < 10007; ++i) data.push_back(static_cast<char>((i * 131 + 7) % 251));
  uint32_t expected = reference_crc32c(data);
  for (size_t piece : {1, 3, 8, 13, 4096}) {
    Crc32c crc;
    for (size_t at = 0; at < data.size(); at += piece) crc.update(std::string_view(data).substr(at, piece));
    CHECK(crc.value() == expected);
  }
}
