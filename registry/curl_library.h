// libcurl's functions as the downloader uses them, loaded at run time on first use rather
// than linked (see base/shared_library.h: libcurl and its 30 dependencies would be most
// of lode's start-up, and installs from the cache never touch the network). The library
// is lode's own build (lode-libcurl.so, HTTP and HTTPS only, four dependencies) when
// installed, else the system's libcurl.so.4.
#pragma once

#include <curl/curl.h>

#include <memory>
#include <string>

#include "base/error.h"
#include "base/shared_library.h"

namespace lode {

struct CurlLibrary {
  SharedLibrary library;
  decltype(&::curl_global_init) global_init = nullptr;
  decltype(&::curl_global_cleanup) global_cleanup = nullptr;
  decltype(&::curl_easy_init) easy_init = nullptr;
  decltype(&::curl_easy_cleanup) easy_cleanup = nullptr;
  decltype(&::curl_easy_setopt) easy_setopt = nullptr;
  decltype(&::curl_easy_getinfo) easy_getinfo = nullptr;
  decltype(&::curl_easy_strerror) easy_strerror = nullptr;
  decltype(&::curl_slist_append) slist_append = nullptr;
  decltype(&::curl_slist_free_all) slist_free_all = nullptr;
  decltype(&::curl_multi_init) multi_init = nullptr;
  decltype(&::curl_multi_cleanup) multi_cleanup = nullptr;
  decltype(&::curl_multi_setopt) multi_setopt = nullptr;
  decltype(&::curl_multi_add_handle) multi_add_handle = nullptr;
  decltype(&::curl_multi_remove_handle) multi_remove_handle = nullptr;
  decltype(&::curl_multi_socket_action) multi_socket_action = nullptr;
  decltype(&::curl_multi_info_read) multi_info_read = nullptr;
  decltype(&::curl_version_info) version_info = nullptr;

  // The CA bundle file and the folder of hashed CA certificates this libcurl was built to
  // read (Debian's: /etc/ssl/certs/ca-certificates.crt and /etc/ssl/certs); empty when it
  // has none or (the folder) it does not exist.
  std::string ca_file;
  std::string ca_directory;

  // Loads libcurl (lode's own, else the system's), binds every function above, runs
  // curl_global_init and reads the CA defaults. Fails when the library or a symbol is
  // missing, or initialisation fails.
  static Result<std::unique_ptr<CurlLibrary>> load();
  // Balances curl_global_init.
  ~CurlLibrary();

 private:
  explicit CurlLibrary(SharedLibrary loaded) : library(std::move(loaded)) {}
  bool initialised_ = false;
};

}  // namespace lode
