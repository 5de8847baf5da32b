// JavaScript errors made and reported by the runtime: Node-style errors with a `code`,
// libuv failures as Node's system errors ("ENOENT: no such file or directory, open 'x'"
// with errno/code/syscall/path), and the report printed for an uncaught exception
// ("file:line", the source line, a caret under the failing expression, then the error).
#pragma once

#include <v8.h>

#include <string>
#include <string_view>

namespace lode::runtime {

class Runtime;

enum class ErrorType { kError, kTypeError, kRangeError, kSyntaxError };

// A new error of `type` with `message`, and `code` as its `code` property when not empty.
// Codes starting with ERR_ name themselves in the stack, as Node's do:
// "TypeError [ERR_X]: message".
v8::Local<v8::Value> make_error(v8::Isolate* isolate, ErrorType type, std::string_view code,
                                std::string_view message);
// Throws make_error(...) in the current context.
void throw_error(v8::Isolate* isolate, ErrorType type, std::string_view code, std::string_view message);

// A system error for the negative libuv/errno code `err`, as Node's uvException builds it.
v8::Local<v8::Value> make_uv_error(v8::Isolate* isolate, int err, std::string_view syscall,
                                   std::string_view path = {}, std::string_view dest = {});
void throw_uv_error(v8::Isolate* isolate, int err, std::string_view syscall, std::string_view path = {},
                    std::string_view dest = {});

// "file:line\n<source line>\n   ^^^\n" for the place `message` points at; "" when the
// message has no source line.
std::string error_arrow(v8::Isolate* isolate, v8::Local<v8::Context> context, v8::Local<v8::Message> message);

// Keeps the arrow of `message` on `exception` (when it is an object without one), for
// errors whose report must point elsewhere than where they are finally caught: a syntax
// error in a module is caught by the loader, but the report shows the bad line.
void remember_error_arrow(v8::Isolate* isolate, v8::Local<v8::Context> context, v8::Local<v8::Value> exception,
                          v8::Local<v8::Message> message);

// Prints an uncaught error to stderr the way Node does. The text of the error comes from
// the JavaScript formatter (util.inspect) when it is available and does not throw.
void print_fatal_error(Runtime& runtime, v8::Local<v8::Value> error, v8::Local<v8::Message> message);

}  // namespace lode::runtime
