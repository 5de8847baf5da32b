#include "runtime/text.h"

#include <cstdint>
#include <cstring>

namespace lode::runtime {

namespace {

class OwnedAscii final : public v8::String::ExternalOneByteStringResource {
 public:
  explicit OwnedAscii(std::string&& text) : text_(std::move(text)) {}
  const char* data() const override { return text_.data(); }
  size_t length() const override { return text_.size(); }

 private:
  std::string text_;
};

}  // namespace

bool is_ascii(std::string_view bytes) {
  const char* p = bytes.data();
  size_t n = bytes.size();
  uint64_t any = 0;
  size_t i = 0;
  for (; i + 32 <= n; i += 32) {
    uint64_t a, b, c, d;
    std::memcpy(&a, p + i, 8);
    std::memcpy(&b, p + i + 8, 8);
    std::memcpy(&c, p + i + 16, 8);
    std::memcpy(&d, p + i + 24, 8);
    any |= a | b | c | d;
    if (any & 0x8080808080808080ull) return false;
  }
  for (; i < n; ++i) {
    if (static_cast<unsigned char>(p[i]) & 0x80) return false;
  }
  return true;
}

v8::MaybeLocal<v8::String> string_from_utf8(v8::Isolate* isolate, std::string&& bytes) {
  // Tiny strings are cheaper to copy than to track as external resources.
  if (bytes.size() >= 1024 && is_ascii(bytes)) {
    return v8::String::NewExternalOneByte(isolate, new OwnedAscii(std::move(bytes)));
  }
  return v8::String::NewFromUtf8(isolate, bytes.data(), v8::NewStringType::kNormal, static_cast<int>(bytes.size()));
}

}  // namespace lode::runtime
