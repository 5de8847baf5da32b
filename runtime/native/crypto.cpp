// internalBinding('crypto'): the small part of Node's crypto that everyday packages use
// (hashes, HMAC, random bytes), over the OpenSSL libcrypto that libnode already loads.
#include <openssl/evp.h>
#include <openssl/hmac.h>
#include <openssl/rand.h>

#include <cstring>

#include "runtime/errors.h"
#include "runtime/native/bindings.h"
#include "runtime/runtime.h"
#include "runtime/v8_helpers.h"

namespace lode::runtime {

namespace {

std::string_view view_bytes(v8::Local<v8::Value> value) {
  if (!value->IsArrayBufferView()) return {};
  v8::Local<v8::ArrayBufferView> view = value.As<v8::ArrayBufferView>();
  return {static_cast<const char*>(view->Buffer()->Data()) + view->ByteOffset(), view->ByteLength()};
}

v8::Local<v8::Uint8Array> to_uint8(v8::Isolate* isolate, const unsigned char* data, size_t length) {
  v8::Local<v8::ArrayBuffer> buffer = v8::ArrayBuffer::New(isolate, length);
  std::memcpy(buffer->Data(), data, length);
  return v8::Uint8Array::New(buffer, 0, length);
}

// digest(algorithm, data, key?) → the hash (or HMAC with `key`) of `data`.
void digest(const v8::FunctionCallbackInfo<v8::Value>& args) {
  v8::Isolate* isolate = args.GetIsolate();
  std::string algorithm = string_arg(args, 0);
  const EVP_MD* md = EVP_get_digestbyname(algorithm.c_str());
  if (!md) return throw_error(isolate, ErrorType::kError, "ERR_CRYPTO_INVALID_DIGEST", "Digest method not supported");
  std::string_view data = view_bytes(args[1]);
  unsigned char out[EVP_MAX_MD_SIZE];
  unsigned int length = 0;
  if (args.Length() > 2 && args[2]->IsArrayBufferView()) {
    std::string_view key = view_bytes(args[2]);
    if (!HMAC(md, key.data(), static_cast<int>(key.size()), reinterpret_cast<const unsigned char*>(data.data()),
              data.size(), out, &length)) {
      return throw_error(isolate, ErrorType::kError, "ERR_CRYPTO_OPERATION_FAILED", "HMAC failed");
    }
  } else if (!EVP_Digest(data.data(), data.size(), out, &length, md, nullptr)) {
    return throw_error(isolate, ErrorType::kError, "ERR_CRYPTO_OPERATION_FAILED", "Digest failed");
  }
  args.GetReturnValue().Set(to_uint8(isolate, out, length));
}

// randomFill(view): fills the view with cryptographically strong random bytes.
void random_fill(const v8::FunctionCallbackInfo<v8::Value>& args) {
  if (!args[0]->IsArrayBufferView()) return;
  v8::Local<v8::ArrayBufferView> view = args[0].As<v8::ArrayBufferView>();
  auto* data = static_cast<unsigned char*>(view->Buffer()->Data()) + view->ByteOffset();
  if (view->ByteLength() > 0 && RAND_bytes(data, static_cast<int>(view->ByteLength())) != 1) {
    throw_error(args.GetIsolate(), ErrorType::kError, "ERR_CRYPTO_OPERATION_FAILED", "Random bytes failed");
  }
}

void hash_names(const v8::FunctionCallbackInfo<v8::Value>& args) {
  v8::Isolate* isolate = args.GetIsolate();
  std::vector<v8::Local<v8::Value>> names;
  for (const char* name : {"md5", "sha1", "sha224", "sha256", "sha384", "sha512", "sha512-256", "sha3-256", "sha3-512"}) {
    if (EVP_get_digestbyname(name)) names.push_back(to_v8(isolate, name));
  }
  args.GetReturnValue().Set(v8::Array::New(isolate, names.data(), names.size()));
}

}  // namespace

void init_crypto_binding(Runtime&, v8::Local<v8::Context> context, v8::Local<v8::Object> target) {
  set_method(context, target, "digest", digest);
  set_method(context, target, "randomFill", random_fill);
  set_method(context, target, "hashNames", hash_names);
}

}  // namespace lode::runtime
