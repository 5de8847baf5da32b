// The boundary between `lode` and lode-runtime.so, the shared module that holds V8.
//
// Loading libnode (which carries V8) costs 30-40 ms, so the `lode` executable never links
// it: package-manager commands stay fast, and only commands that run JavaScript dlopen
// the runtime module and call its one entry point. This header is plain C types on
// purpose: it is all the two sides share, and it includes nothing from V8.
#pragma once

#include <cstdint>

extern "C" {

// Bumped whenever LodeRuntimeRequest changes, so a stale module is refused, not misread.
inline constexpr int32_t kLodeRuntimeAbiVersion = 1;
inline constexpr const char* kLodeRuntimeEntrySymbol = "lode_runtime_main";

enum LodeRuntimeMode : int32_t {
  kLodeRuntimeEval = 1,   // run `source`; print nothing
  kLodeRuntimePrint = 2,  // run `source` and print its completion value
};

struct LodeRuntimeRequest {
  int32_t abi_version;
  LodeRuntimeMode mode;
  const char* source;       // the code to run (UTF-8, NUL-terminated)
  const char* source_name;  // the name stack traces show, e.g. "[eval]"
  int32_t argc;             // the arguments after the code, for process.argv
  const char* const* argv;
};

// Runs the request to completion and returns the process exit status (0 on success,
// 1 when the script threw, as node does). Never throws.
using LodeRuntimeMain = int32_t (*)(const LodeRuntimeRequest* request);

}  // extern "C"
