// A shared library loaded at run time (dlopen) and its symbols. lode loads libcurl,
// libarchive, libcrypto and SQLite this way, on first use, instead of linking them:
// linked, they and their dependencies would be most of every start (docs/architecture.md
// has the figures), and most commands need none or one of them.
#pragma once

#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <string_view>

#include "base/error.h"
#include "base/fs.h"

namespace lode {

class SharedLibrary {
 public:
  // Loads `soname` ("libcurl.so.4"). The library stays mapped for the life of the process
  // (RTLD_NODELETE): libraries like libcurl register handlers that must outlive any
  // unloading. Fails (kInternal) with the loader's message, naming the library and the
  // Debian package that provides it.
  static Result<SharedLibrary> open(const std::string& soname, std::string_view debian_package);

  SharedLibrary(SharedLibrary&& other) noexcept;
  SharedLibrary& operator=(SharedLibrary&& other) noexcept;
  SharedLibrary(const SharedLibrary&) = delete;
  SharedLibrary& operator=(const SharedLibrary&) = delete;
  ~SharedLibrary();

  // The address of `name`, or a kInternal error naming the symbol and the library.
  Result<void*> symbol(const char* name) const;

  // Sets `*target` to the symbol `name` cast to the function pointer type of `target`.
  template <typename Function>
  Result<void> bind(Function*& target, const char* name) const {
    Result<void*> address = symbol(name);
    if (!address) return std::unexpected(address.error());
    target = reinterpret_cast<Function*>(*address);
    return {};
  }

 private:
  SharedLibrary(void* handle, std::string soname) : handle_(handle), soname_(std::move(soname)) {}
  void* handle_ = nullptr;
  std::string soname_;
};

// The folder of the running executable (/proc/self/exe's); empty when it cannot be read.
fs::path executable_dir();

// Where one of lode's own modules (`file`, e.g. "lode-runtime.so") is: beside the
// executable in `exe_dir`, in the build tree's `build_folder` (seen from the executable and
// from tests/ and bench/), in <exe_dir>/../lib/lode, or in `install_dir`. nullopt when in
// none of them.
std::optional<fs::path> find_lode_module(const fs::path& exe_dir, std::string_view file,
                                         std::string_view build_folder, const fs::path& install_dir);

// A library's bindings (a struct with a static `Result<std::unique_ptr<Library>> load()`)
// loaded the first time get() is called, by whichever thread calls it first (extraction
// and hashing run on worker threads); later calls return the same one, or the same error.
template <typename Library>
class LazyLibrary {
 public:
  Result<const Library*> get() {
    std::call_once(once_, [this] {
      Result<std::unique_ptr<Library>> loaded = Library::load();
      if (loaded) {
        library_ = std::move(*loaded);
      } else {
        error_ = loaded.error();
      }
    });
    if (error_) return std::unexpected(*error_);
    return library_.get();
  }

 private:
  std::once_flag once_;
  std::unique_ptr<Library> library_;
  std::optional<Error> error_;
};

}  // namespace lode
