#include "registry/curl_library.h"

#include <filesystem>
#include <optional>
#include <system_error>

#include "build_info.h"

namespace lode {

namespace {

// The SONAME lode was built against (Debian 12's libcurl4 with OpenSSL).
constexpr const char* kCurlSoname = "libcurl.so.4";
// lode's own build of the same libcurl (registry/meson.build), for HTTP and HTTPS only.
constexpr const char* kOwnCurlModule = "lode-libcurl.so";

// lode's own libcurl when it is installed and loads, else the system's.
Result<SharedLibrary> open_libcurl() {
  if (std::optional<fs::path> own = find_lode_module(executable_dir(), kOwnCurlModule, "registry", LODE_RUNTIME_INSTALL_DIR)) {
    // One that fails to load (a library it needs was removed) is passed over: the
    // system's does the same work, only with a slower start.
    if (Result<SharedLibrary> library = SharedLibrary::open(own->string(), "libcurl4")) return library;
  }
  return SharedLibrary::open(kCurlSoname, "libcurl4");
}

}  // namespace

Result<std::unique_ptr<CurlLibrary>> CurlLibrary::load() {
  Result<SharedLibrary> library = open_libcurl();
  if (!library) return std::unexpected(library.error());
  std::unique_ptr<CurlLibrary> curl(new CurlLibrary(std::move(*library)));
  const SharedLibrary& lib = curl->library;
  for (Result<void> bound : {lib.bind(curl->global_init, "curl_global_init"),
                             lib.bind(curl->global_cleanup, "curl_global_cleanup"),
                             lib.bind(curl->easy_init, "curl_easy_init"),
                             lib.bind(curl->easy_cleanup, "curl_easy_cleanup"),
                             lib.bind(curl->easy_setopt, "curl_easy_setopt"),
                             lib.bind(curl->easy_getinfo, "curl_easy_getinfo"),
                             lib.bind(curl->easy_strerror, "curl_easy_strerror"),
                             lib.bind(curl->slist_append, "curl_slist_append"),
                             lib.bind(curl->slist_free_all, "curl_slist_free_all"),
                             lib.bind(curl->multi_init, "curl_multi_init"),
                             lib.bind(curl->multi_cleanup, "curl_multi_cleanup"),
                             lib.bind(curl->multi_setopt, "curl_multi_setopt"),
                             lib.bind(curl->multi_add_handle, "curl_multi_add_handle"),
                             lib.bind(curl->multi_remove_handle, "curl_multi_remove_handle"),
                             lib.bind(curl->multi_socket_action, "curl_multi_socket_action"),
                             lib.bind(curl->multi_info_read, "curl_multi_info_read"),
                             lib.bind(curl->version_info, "curl_version_info")}) {
    if (!bound) return std::unexpected(bound.error());
  }
  // Reference-counted by libcurl; balanced in the destructor.
  if (curl->global_init(CURL_GLOBAL_DEFAULT) != CURLE_OK) {
    return fail(ErrorCode::kInternal, "cannot initialise libcurl", kCurlSoname);
  }
  curl->initialised_ = true;
  const curl_version_info_data* version = curl->version_info(CURLVERSION_NOW);
  if (version && version->age >= CURLVERSION_SEVENTH) {
    if (version->cainfo != nullptr) curl->ca_file = version->cainfo;
    std::error_code missing;
    if (version->capath != nullptr && std::filesystem::is_directory(version->capath, missing)) {
      curl->ca_directory = version->capath;
    }
  }
  return curl;
}

CurlLibrary::~CurlLibrary() {
  if (initialised_) global_cleanup();
}

}  // namespace lode
