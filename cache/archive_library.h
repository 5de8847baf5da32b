// libarchive's functions as tarball extraction uses them, loaded at run time on first use
// rather than linked (see base/shared_library.h): libarchive pulls in libxml2, ICU, nettle
// and five compressors, ~7 ms of every start, and an install whose packages
// are all in the store never unpacks a tarball.
#pragma once

#include <archive.h>
#include <archive_entry.h>

#include <memory>

#include "base/error.h"
#include "base/shared_library.h"

namespace lode {

struct ArchiveLibrary {
  SharedLibrary library;
  decltype(&::archive_read_new) read_new = nullptr;
  decltype(&::archive_read_free) read_free = nullptr;
  decltype(&::archive_read_support_filter_all) read_support_filter_all = nullptr;
  decltype(&::archive_read_support_format_tar) read_support_format_tar = nullptr;
  decltype(&::archive_read_support_format_gnutar) read_support_format_gnutar = nullptr;
  decltype(&::archive_read_open_memory) read_open_memory = nullptr;
  decltype(&::archive_read_open) read_open = nullptr;
  decltype(&::archive_read_next_header) read_next_header = nullptr;
  decltype(&::archive_read_data_block) read_data_block = nullptr;
  decltype(&::archive_error_string) error_string = nullptr;
  decltype(&::archive_entry_pathname) entry_pathname = nullptr;
  decltype(&::archive_entry_filetype) entry_filetype = nullptr;
  decltype(&::archive_entry_hardlink) entry_hardlink = nullptr;
  decltype(&::archive_entry_perm) entry_perm = nullptr;

  // Loads libarchive and binds every function above. Fails when the library or a symbol
  // is missing, naming it and the Debian package to install.
  static Result<std::unique_ptr<ArchiveLibrary>> load();

 private:
  explicit ArchiveLibrary(SharedLibrary loaded) : library(std::move(loaded)) {}
};

using LazyArchiveLibrary = LazyLibrary<ArchiveLibrary>;

}  // namespace lode
