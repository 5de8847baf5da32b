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
inline constexpr int32_t kLodeRuntimeAbiVersion = 2;
inline constexpr const char* kLodeRuntimeEntrySymbol = "lode_runtime_main";

enum LodeRuntimeMode : int32_t {
  kLodeRuntimeEval = 1,   // run `source` (node -e); print nothing
  kLodeRuntimePrint = 2,  // run `source` and print its completion value (node -p)
  kLodeRuntimeFile = 3,   // run the file `script` as the main module (node <file>)
  kLodeRuntimeStdin = 4,  // run `source`, which was read from stdin (node -)
};

enum LodeRuntimeFlags : int32_t {
  kLodeRuntimeNoFlags = 0,
  kLodeRuntimeAsNode = 1,  // lode was invoked under the name `node`
};

struct LodeRuntimeRequest {
  int32_t abi_version;
  LodeRuntimeMode mode;
  const char* source;       // eval, print, stdin: the code (UTF-8, NUL-terminated)
  const char* source_name;  // the name stack traces show for `source`, e.g. "[eval]"
  const char* script;       // file: the script path as given on the command line
  int32_t argc;             // the arguments after the code or script, for process.argv
  const char* const* argv;
  const char* exec_path;    // process.execPath: the lode (or node link) executable
  const char* argv0;        // process.argv0: argv[0] as the user typed it
  int32_t exec_argc;        // process.execArgv: the runtime options before the script
  const char* const* exec_argv;
  int32_t envc;             // process.env, as "NAME=value" entries
  const char* const* envp;
  const char* cwd;          // the working directory
  const char* cache_dir;    // lode's cache folder (code cache lives below it); NULL: none
  int32_t flags;            // LodeRuntimeFlags
};

// Runs the request to completion and returns the process exit status (0 on success,
// 1 when the script threw, as node does). Never throws.
using LodeRuntimeMain = int32_t (*)(const LodeRuntimeRequest* request);

}  // extern "C"
