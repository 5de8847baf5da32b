#include "cache/archive_library.h"

namespace lode {

// The SONAME lode was built against (Debian 12's libarchive13).
constexpr const char* kArchiveSoname = "libarchive.so.13";

Result<std::unique_ptr<ArchiveLibrary>> ArchiveLibrary::load() {
  Result<SharedLibrary> library = SharedLibrary::open(kArchiveSoname, "libarchive13");
  if (!library) return std::unexpected(library.error());
  std::unique_ptr<ArchiveLibrary> archive(new ArchiveLibrary(std::move(*library)));
  const SharedLibrary& lib = archive->library;
  for (Result<void> bound : {lib.bind(archive->read_new, "archive_read_new"),
                             lib.bind(archive->read_free, "archive_read_free"),
                             lib.bind(archive->read_support_filter_all, "archive_read_support_filter_all"),
                             lib.bind(archive->read_support_format_tar, "archive_read_support_format_tar"),
                             lib.bind(archive->read_support_format_gnutar, "archive_read_support_format_gnutar"),
                             lib.bind(archive->read_open_memory, "archive_read_open_memory"),
                             lib.bind(archive->read_open, "archive_read_open"),
                             lib.bind(archive->read_next_header, "archive_read_next_header"),
                             lib.bind(archive->read_data_block, "archive_read_data_block"),
                             lib.bind(archive->error_string, "archive_error_string"),
                             lib.bind(archive->entry_pathname, "archive_entry_pathname"),
                             lib.bind(archive->entry_filetype, "archive_entry_filetype"),
                             lib.bind(archive->entry_hardlink, "archive_entry_hardlink"),
                             lib.bind(archive->entry_perm, "archive_entry_perm")}) {
    if (!bound) return std::unexpected(bound.error());
  }
  return archive;
}

}  // namespace lode
