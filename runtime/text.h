// Text read from files, handed to V8 cheaply. Source files are almost always ASCII; an
// ASCII buffer becomes an external one-byte string that V8 reads in place (no decoding,
// no copy, the buffer is freed when V8 collects the string). Anything else is decoded
// from UTF-8 as usual.
#pragma once

#include <v8.h>

#include <string>
#include <string_view>

namespace lode::runtime {

// Whether every byte of `bytes` is below 0x80.
bool is_ascii(std::string_view bytes);

// A V8 string of `bytes` (UTF-8), taking them over when they are ASCII. Empty when V8
// refuses (over its string length limit).
v8::MaybeLocal<v8::String> string_from_utf8(v8::Isolate* isolate, std::string&& bytes);

}  // namespace lode::runtime
