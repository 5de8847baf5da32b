// Byte encodings used across layers: base64 (integrity strings, basic auth) and hex
// (sha1 shasums).
#pragma once

#include <optional>
#include <string>
#include <string_view>

namespace lode {

std::string base64_encode(std::string_view bytes);
// The decoded bytes; nullopt when `text` is not valid base64 (padding optional).
std::optional<std::string> base64_decode(std::string_view text);

std::string hex_encode(std::string_view bytes);
// nullopt on odd length or a non-hex character.
std::optional<std::string> hex_decode(std::string_view text);

}  // namespace lode
