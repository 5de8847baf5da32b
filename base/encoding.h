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

// As above, appending to `out` (whose memory a caller in a loop reuses); the decoders
// return false on invalid input, leaving `out` with part of it.
void base64_encode_append(std::string_view bytes, std::string& out);
bool base64_decode_append(std::string_view text, std::string& out);
void hex_encode_append(std::string_view bytes, std::string& out);
bool hex_decode_append(std::string_view text, std::string& out);

}  // namespace lode
