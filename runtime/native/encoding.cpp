// internalBinding('encoding'): text to bytes and back for TextEncoder/TextDecoder and
// Buffer: UTF-8 (V8's own converters, which replace lone surrogates with U+FFFD),
// Latin-1, UTF-16LE, base64 (and base64url) and hex.
#include <cstring>

#include "base/encoding.h"
#include "runtime/errors.h"
#include "runtime/native/bindings.h"
#include "runtime/runtime.h"
#include "runtime/text.h"
#include "runtime/v8_helpers.h"

namespace lode::runtime {

namespace {

v8::Local<v8::Uint8Array> new_bytes(v8::Isolate* isolate, size_t length) {
  v8::Local<v8::ArrayBuffer> buffer = v8::ArrayBuffer::New(isolate, length);
  return v8::Uint8Array::New(buffer, 0, length);
}

uint8_t* bytes_of(v8::Local<v8::ArrayBufferView> view) {
  return static_cast<uint8_t*>(view->Buffer()->Data()) + view->ByteOffset();
}

// The [start, end) byte range of a view given optional start/end arguments.
std::pair<size_t, size_t> range_of(const v8::FunctionCallbackInfo<v8::Value>& args, v8::Local<v8::ArrayBufferView> view,
                                   int first) {
  size_t length = view->ByteLength();
  size_t start = static_cast<size_t>(std::max(0.0, number_arg(args, first, 0)));
  size_t end = static_cast<size_t>(std::max(0.0, number_arg(args, first + 1, static_cast<double>(length))));
  end = std::min(end, length);
  start = std::min(start, end);
  return {start, end};
}

void encode_utf8(const v8::FunctionCallbackInfo<v8::Value>& args) {
  v8::Isolate* isolate = args.GetIsolate();
  v8::Local<v8::String> text;
  if (!args[0]->ToString(isolate->GetCurrentContext()).ToLocal(&text)) return;
  size_t length = static_cast<size_t>(text->Utf8Length(isolate));
  v8::Local<v8::Uint8Array> out = new_bytes(isolate, length);
  text->WriteUtf8(isolate, reinterpret_cast<char*>(bytes_of(out)), static_cast<int>(length), nullptr,
                  v8::String::NO_NULL_TERMINATION | v8::String::REPLACE_INVALID_UTF8);
  args.GetReturnValue().Set(out);
}

// encodeInto(string, view) → [characters read, bytes written]
void encode_into(const v8::FunctionCallbackInfo<v8::Value>& args) {
  v8::Isolate* isolate = args.GetIsolate();
  if (!args[0]->IsString() || !args[1]->IsArrayBufferView()) return;
  v8::Local<v8::String> text = args[0].As<v8::String>();
  v8::Local<v8::ArrayBufferView> view = args[1].As<v8::ArrayBufferView>();
  int read = 0;
  int written = text->WriteUtf8(isolate, reinterpret_cast<char*>(bytes_of(view)), static_cast<int>(view->ByteLength()),
                                &read, v8::String::NO_NULL_TERMINATION | v8::String::REPLACE_INVALID_UTF8);
  v8::Local<v8::Value> values[] = {v8::Integer::New(isolate, read), v8::Integer::New(isolate, written)};
  args.GetReturnValue().Set(v8::Array::New(isolate, values, 2));
}

bool valid_utf8(const uint8_t* data, size_t length) {
  size_t i = 0;
  while (i < length) {
    uint8_t c = data[i];
    size_t extra;
    uint32_t min;
    if (c < 0x80) { ++i; continue; }
    if ((c & 0xe0) == 0xc0) { extra = 1; min = 0x80; }
    else if ((c & 0xf0) == 0xe0) { extra = 2; min = 0x800; }
    else if ((c & 0xf8) == 0xf0) { extra = 3; min = 0x10000; }
    else return false;
    if (i + extra >= length) return false;
    uint32_t code = c & (0x3f >> extra);
    for (size_t k = 1; k <= extra; ++k) {
      if ((data[i + k] & 0xc0) != 0x80) return false;
      code = (code << 6) | (data[i + k] & 0x3f);
    }
    if (code < min || code > 0x10ffff || (code >= 0xd800 && code <= 0xdfff)) return false;
    i += extra + 1;
  }
  return true;
}

// decodeUtf8(view, start, end, fatal) → string; fatal: invalid input throws.
void decode_utf8(const v8::FunctionCallbackInfo<v8::Value>& args) {
  v8::Isolate* isolate = args.GetIsolate();
  if (!args[0]->IsArrayBufferView()) return;
  v8::Local<v8::ArrayBufferView> view = args[0].As<v8::ArrayBufferView>();
  auto [start, end] = range_of(args, view, 1);
  const uint8_t* data = bytes_of(view) + start;
  size_t length = end - start;
  if (args[3]->IsTrue() && !valid_utf8(data, length)) {
    return throw_error(isolate, ErrorType::kTypeError, "ERR_ENCODING_INVALID_ENCODED_DATA",
                       "The encoded data was not valid for encoding utf-8");
  }
  v8::Local<v8::String> text;
  std::string_view bytes(reinterpret_cast<const char*>(data), length);
  bool ok = is_ascii(bytes)
                ? v8::String::NewFromOneByte(isolate, data, v8::NewStringType::kNormal, static_cast<int>(length)).ToLocal(&text)
                : v8::String::NewFromUtf8(isolate, bytes.data(), v8::NewStringType::kNormal, static_cast<int>(length))
                      .ToLocal(&text);
  if (ok) args.GetReturnValue().Set(text);
}

void decode_latin1(const v8::FunctionCallbackInfo<v8::Value>& args) {
  v8::Isolate* isolate = args.GetIsolate();
  if (!args[0]->IsArrayBufferView()) return;
  v8::Local<v8::ArrayBufferView> view = args[0].As<v8::ArrayBufferView>();
  auto [start, end] = range_of(args, view, 1);
  bool ascii = args[3]->IsTrue();
  std::string copy(reinterpret_cast<const char*>(bytes_of(view) + start), end - start);
  if (ascii) for (char& c : copy) c = static_cast<char>(c & 0x7f);
  v8::Local<v8::String> text;
  if (v8::String::NewFromOneByte(isolate, reinterpret_cast<const uint8_t*>(copy.data()), v8::NewStringType::kNormal,
                                 static_cast<int>(copy.size()))
          .ToLocal(&text)) {
    args.GetReturnValue().Set(text);
  }
}

void encode_latin1(const v8::FunctionCallbackInfo<v8::Value>& args) {
  v8::Isolate* isolate = args.GetIsolate();
  v8::Local<v8::String> text;
  if (!args[0]->ToString(isolate->GetCurrentContext()).ToLocal(&text)) return;
  auto length = static_cast<size_t>(text->Length());
  v8::Local<v8::Uint8Array> out = new_bytes(isolate, length);
  text->WriteOneByte(isolate, bytes_of(out), 0, static_cast<int>(length), v8::String::NO_NULL_TERMINATION);
  args.GetReturnValue().Set(out);
}

void decode_utf16le(const v8::FunctionCallbackInfo<v8::Value>& args) {
  v8::Isolate* isolate = args.GetIsolate();
  if (!args[0]->IsArrayBufferView()) return;
  v8::Local<v8::ArrayBufferView> view = args[0].As<v8::ArrayBufferView>();
  auto [start, end] = range_of(args, view, 1);
  size_t units = (end - start) / 2;
  std::vector<uint16_t> copy(units);
  std::memcpy(copy.data(), bytes_of(view) + start, units * 2);
  v8::Local<v8::String> text;
  if (v8::String::NewFromTwoByte(isolate, copy.data(), v8::NewStringType::kNormal, static_cast<int>(units)).ToLocal(&text)) {
    args.GetReturnValue().Set(text);
  }
}

void encode_utf16le(const v8::FunctionCallbackInfo<v8::Value>& args) {
  v8::Isolate* isolate = args.GetIsolate();
  v8::Local<v8::String> text;
  if (!args[0]->ToString(isolate->GetCurrentContext()).ToLocal(&text)) return;
  auto units = static_cast<size_t>(text->Length());
  std::vector<uint16_t> copy(units);
  text->Write(isolate, copy.data(), 0, static_cast<int>(units), v8::String::NO_NULL_TERMINATION);
  v8::Local<v8::Uint8Array> out = new_bytes(isolate, units * 2);
  std::memcpy(bytes_of(out), copy.data(), units * 2);
  args.GetReturnValue().Set(out);
}

// base64 of a view range; url: the base64url alphabet without padding.
void encode_base64(const v8::FunctionCallbackInfo<v8::Value>& args) {
  if (!args[0]->IsArrayBufferView()) return;
  v8::Local<v8::ArrayBufferView> view = args[0].As<v8::ArrayBufferView>();
  auto [start, end] = range_of(args, view, 1);
  std::string_view bytes(reinterpret_cast<const char*>(bytes_of(view) + start), end - start);
  std::string text = base64_encode(bytes);
  if (args[3]->IsTrue()) {
    for (char& c : text) c = c == '+' ? '-' : c == '/' ? '_' : c;
    while (!text.empty() && text.back() == '=') text.pop_back();
  }
  args.GetReturnValue().Set(to_v8(args.GetIsolate(), text));
}

// Bytes of base64 or base64url text; like Node, characters outside the alphabet are
// skipped and decoding stops at the first '='.
void decode_base64(const v8::FunctionCallbackInfo<v8::Value>& args) {
  v8::Isolate* isolate = args.GetIsolate();
  std::string text = string_arg(args, 0);
  std::string bytes;
  uint32_t accumulator = 0;
  int bits = 0;
  for (char c : text) {
    int value;
    if (c >= 'A' && c <= 'Z') value = c - 'A';
    else if (c >= 'a' && c <= 'z') value = c - 'a' + 26;
    else if (c >= '0' && c <= '9') value = c - '0' + 52;
    else if (c == '+' || c == '-') value = 62;
    else if (c == '/' || c == '_') value = 63;
    else if (c == '=') break;
    else continue;
    accumulator = (accumulator << 6) | static_cast<uint32_t>(value);
    bits += 6;
    if (bits >= 8) {
      bits -= 8;
      bytes += static_cast<char>((accumulator >> bits) & 0xff);
    }
  }
  v8::Local<v8::Uint8Array> out = new_bytes(isolate, bytes.size());
  std::memcpy(bytes_of(out), bytes.data(), bytes.size());
  args.GetReturnValue().Set(out);
}

void encode_hex(const v8::FunctionCallbackInfo<v8::Value>& args) {
  if (!args[0]->IsArrayBufferView()) return;
  v8::Local<v8::ArrayBufferView> view = args[0].As<v8::ArrayBufferView>();
  auto [start, end] = range_of(args, view, 1);
  std::string_view bytes(reinterpret_cast<const char*>(bytes_of(view) + start), end - start);
  args.GetReturnValue().Set(to_v8(args.GetIsolate(), hex_encode(bytes)));
}

// Bytes of hex text, stopping at the first pair that is not hex (as Node does).
void decode_hex(const v8::FunctionCallbackInfo<v8::Value>& args) {
  std::string text = string_arg(args, 0);
  auto digit = [](char c) -> int {
    if (c >= '0' && c <= '9') return c - '0';
    if (c >= 'a' && c <= 'f') return c - 'a' + 10;
    if (c >= 'A' && c <= 'F') return c - 'A' + 10;
    return -1;
  };
  std::string bytes;
  for (size_t i = 0; i + 1 < text.size(); i += 2) {
    int high = digit(text[i]);
    int low = digit(text[i + 1]);
    if (high < 0 || low < 0) break;
    bytes += static_cast<char>(high * 16 + low);
  }
  v8::Local<v8::Uint8Array> out = new_bytes(args.GetIsolate(), bytes.size());
  std::memcpy(bytes_of(out), bytes.data(), bytes.size());
  args.GetReturnValue().Set(out);
}

void utf8_length(const v8::FunctionCallbackInfo<v8::Value>& args) {
  if (!args[0]->IsString()) return;
  args.GetReturnValue().Set(args[0].As<v8::String>()->Utf8Length(args.GetIsolate()));
}

}  // namespace

void init_encoding_binding(Runtime&, v8::Local<v8::Context> context, v8::Local<v8::Object> target) {
  set_method(context, target, "encodeUtf8", encode_utf8);
  set_method(context, target, "encodeInto", encode_into);
  set_method(context, target, "decodeUtf8", decode_utf8);
  set_method(context, target, "decodeLatin1", decode_latin1);
  set_method(context, target, "encodeLatin1", encode_latin1);
  set_method(context, target, "decodeUtf16le", decode_utf16le);
  set_method(context, target, "encodeUtf16le", encode_utf16le);
  set_method(context, target, "encodeBase64", encode_base64);
  set_method(context, target, "decodeBase64", decode_base64);
  set_method(context, target, "encodeHex", encode_hex);
  set_method(context, target, "decodeHex", decode_hex);
  set_method(context, target, "utf8Length", utf8_length);
}

}  // namespace lode::runtime
