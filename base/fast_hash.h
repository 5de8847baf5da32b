// A fast non-cryptographic 128-bit hash for change detection (is this package.json the
// one node_modules was installed from?). Not for anything an attacker chooses: use
// base/integrity.h for that. Kept free of OpenSSL so the no-op check loads none.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>

namespace lode {

class FastHash {
 public:
  // Feeds bytes in. The result depends on how the input is split into calls, so callers
  // hash the same pieces in the same order.
  void update(std::string_view bytes);
  // 32 hex digits.
  std::string hex() const;

 private:
  uint64_t a_ = 0x243f6a8885a308d3ULL;  // two lanes with different seeds (pi's digits)
  uint64_t b_ = 0x13198a2e03707344ULL;
  uint64_t length_ = 0;
};

}  // namespace lode
