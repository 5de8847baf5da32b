// CRC-32C (Castagnoli), the checksum the store keeps for each file it unpacks: `lode cache
// verify` re-reads every file and compares, to find ones changed in place (a hard link in
// some node_modules edited) or damaged on disk. It guards against accidents, not attacks
// (whoever can rewrite a stored file can rewrite the index too; a tarball's own integrity
// is checked with SHA-512 as it arrives). On x86-64 with SSE4.2 it runs on the CPU's crc32
// instruction, about six times SHA-256's speed here: hashing every file was 5% of a cold
// install's CPU time with SHA-256.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>

namespace lode {

class Crc32c {
 public:
  // Feeds bytes in; any split of the input gives the same result.
  void update(std::string_view bytes);
  uint32_t value() const { return ~state_; }
  // The value as 4 bytes, most significant first (as the store's file lists keep it).
  std::string bytes() const;

 private:
  uint32_t state_ = ~0u;
};

// The CRC-32C of `bytes` as Crc32c::bytes() gives it.
std::string crc32c_bytes(std::string_view bytes);

}  // namespace lode
