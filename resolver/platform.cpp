#include "resolver/platform.h"

#include <sys/utsname.h>

#include <string_view>

#include "base/strings.h"

namespace lode {

namespace {

// npm-install-checks' rule: "!x" forbids x; any plain entry makes the list an allow-list.
bool list_allows(const std::string& value, const std::vector<std::string>& list) {
  if (list.empty()) return true;
  bool has_allow = false;
  bool allowed = false;
  for (const std::string& entry : list) {
    if (entry.starts_with('!')) {
      if (std::string_view(entry).substr(1) == value) return false;
    } else {
      has_allow = true;
      if (entry == value || entry == "any") allowed = true;
    }
  }
  return !has_allow || allowed;
}

std::string node_cpu_name(std::string_view machine) {
  if (machine == "x86_64" || machine == "amd64") return "x64";
  if (machine == "aarch64" || machine == "arm64") return "arm64";
  if (machine == "i386" || machine == "i686") return "ia32";
  if (machine.starts_with("arm")) return "arm";
  if (machine == "ppc64le" || machine == "ppc64") return "ppc64";
  if (machine == "s390x") return "s390x";
  if (machine == "riscv64") return "riscv64";
  return std::string(machine);
}

}  // namespace

Platform Platform::current() {
  Platform platform;
  utsname names{};
  ::uname(&names);
  std::string_view system = names.sysname;
  platform.os = system == "Linux" ? "linux" : system == "Darwin" ? "darwin" : system == "FreeBSD" ? "freebsd" : std::string(system);
  platform.cpu = node_cpu_name(names.machine);
#if defined(__GLIBC__)
  if (platform.os == "linux") platform.libc = "glibc";
#else
  if (platform.os == "linux") platform.libc = "musl";
#endif
  return platform;
}

std::string Platform::label() const { return platform_lists_label({os}, {cpu}, {libc}); }

std::string platform_lists_label(const std::vector<std::string>& os, const std::vector<std::string>& cpu,
                                 const std::vector<std::string>& libc) {
  std::string label;
  for (const std::vector<std::string>* list : {&os, &cpu, &libc}) {
    std::string part = join(*list, ",");
    if (part.empty()) continue;
    if (!label.empty()) label += ' ';
    label += part;
  }
  return label;
}

bool platform_allows(const Platform& platform, const std::vector<std::string>& os, const std::vector<std::string>& cpu,
                     const std::vector<std::string>& libc) {
  // Off linux there is no libc to name, so an allow-list of libcs excludes the package
  // (as npm decides).
  return list_allows(platform.os, os) && list_allows(platform.cpu, cpu) && list_allows(platform.libc, libc);
}

}  // namespace lode
