// The platform packages are installed for (os, cpu, libc, in node's names) and npm's rule
// for a package's "os"/"cpu"/"libc" lists: entries name what is allowed, "!x" entries
// what is not; an empty list allows everything.
#pragma once

#include <string>
#include <vector>

namespace lode {

struct Platform {
  std::string os;    // "linux", "darwin", "win32"... (process.platform)
  std::string cpu;   // "x64", "arm64", "ia32"... (process.arch)
  std::string libc;  // "glibc" or "musl" on linux, "" elsewhere

  // This machine.
  static Platform current();
  // "linux x64 glibc", for messages.
  std::string label() const;
};

// A package's platform lists for messages: "linux x64 musl", "wasm32", "!win32"; empty
// lists are left out.
std::string platform_lists_label(const std::vector<std::string>& os, const std::vector<std::string>& cpu,
                                 const std::vector<std::string>& libc);

// Whether a package with these lists may be installed on `platform`.
bool platform_allows(const Platform& platform, const std::vector<std::string>& os, const std::vector<std::string>& cpu,
                     const std::vector<std::string>& libc);

}  // namespace lode
