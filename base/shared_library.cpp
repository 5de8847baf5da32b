#include "base/shared_library.h"

#include <dlfcn.h>

#include <utility>

namespace lode {

Result<SharedLibrary> SharedLibrary::open(const std::string& soname, std::string_view debian_package) {
  void* handle = ::dlopen(soname.c_str(), RTLD_NOW | RTLD_LOCAL | RTLD_NODELETE);
  if (!handle) {
    const char* reason = ::dlerror();
    return fail(ErrorCode::kInternal, "cannot load " + soname + ": " + (reason ? reason : "unknown error"), soname,
                "install the Debian package " + std::string(debian_package) + " (scripts/bootstrap does)");
  }
  return SharedLibrary(handle, soname);
}

SharedLibrary::SharedLibrary(SharedLibrary&& other) noexcept
    : handle_(std::exchange(other.handle_, nullptr)), soname_(std::move(other.soname_)) {}

SharedLibrary& SharedLibrary::operator=(SharedLibrary&& other) noexcept {
  if (this != &other) {
    if (handle_) ::dlclose(handle_);
    handle_ = std::exchange(other.handle_, nullptr);
    soname_ = std::move(other.soname_);
  }
  return *this;
}

SharedLibrary::~SharedLibrary() {
  // With RTLD_NODELETE this only drops the reference count; the code stays mapped.
  if (handle_) ::dlclose(handle_);
}

Result<void*> SharedLibrary::symbol(const char* name) const {
  ::dlerror();
  void* address = ::dlsym(handle_, name);
  if (!address) {
    return fail(ErrorCode::kInternal, std::string("symbol ") + name + " is missing from " + soname_, soname_,
                "the installed library is older than the one lode was built against");
  }
  return address;
}

fs::path executable_dir() {
  std::error_code ec;
  fs::path exe = fs::read_symlink("/proc/self/exe", ec);
  return ec ? fs::path() : exe.parent_path();
}

std::optional<fs::path> find_lode_module(const fs::path& exe_dir, std::string_view file,
                                         std::string_view build_folder, const fs::path& install_dir) {
  const fs::path candidates[] = {
      exe_dir / file,
      exe_dir / build_folder / file,
      exe_dir.parent_path() / build_folder / file,
      exe_dir.parent_path() / "lib" / "lode" / file,
      install_dir / file,
  };
  std::error_code ec;
  for (const fs::path& candidate : candidates) {
    if (fs::exists(candidate, ec)) return candidate;
  }
  return std::nullopt;
}

}  // namespace lode
