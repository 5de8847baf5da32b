// Builds .tgz files in memory with libarchive's writer, for extraction and store tests:
// ordinary packages and the malicious ones a registry could serve.
#pragma once

#include <archive.h>
#include <archive_entry.h>

#include <string>
#include <vector>

namespace lode::test {

struct TarEntry {
  enum class Kind { kFile, kDirectory, kSymlink, kHardlink, kFifo };
  TarEntry(Kind kind, std::string path, std::string content = {}, unsigned mode = 0644, std::string link_target = {})
      : kind(kind), path(std::move(path)), content(std::move(content)), mode(mode), link_target(std::move(link_target)) {}

  Kind kind;
  std::string path;
  std::string content;  // files
  unsigned mode;
  std::string link_target;  // links
};

inline std::string make_tarball(const std::vector<TarEntry>& entries) {
  std::string out;
  archive* writer = archive_write_new();
  archive_write_add_filter_gzip(writer);
  archive_write_set_format_pax_restricted(writer);
  // No padding of the compressed stream to a 10 KiB block: tests cut tarballs short.
  archive_write_set_bytes_in_last_block(writer, 1);
  archive_write_open(
      writer, &out, nullptr,
      [](archive*, void* data, const void* buffer, size_t length) -> la_ssize_t {
        static_cast<std::string*>(data)->append(static_cast<const char*>(buffer), length);
        return static_cast<la_ssize_t>(length);
      },
      nullptr);
  for (const TarEntry& item : entries) {
    archive_entry* entry = archive_entry_new();
    archive_entry_set_pathname(entry, item.path.c_str());
    archive_entry_set_perm(entry, item.mode);
    switch (item.kind) {
      case TarEntry::Kind::kFile:
        archive_entry_set_filetype(entry, AE_IFREG);
        archive_entry_set_size(entry, static_cast<la_int64_t>(item.content.size()));
        break;
      case TarEntry::Kind::kDirectory: archive_entry_set_filetype(entry, AE_IFDIR); break;
      case TarEntry::Kind::kSymlink:
        archive_entry_set_filetype(entry, AE_IFLNK);
        archive_entry_set_symlink(entry, item.link_target.c_str());
        break;
      case TarEntry::Kind::kHardlink:
        archive_entry_set_filetype(entry, AE_IFREG);
        archive_entry_set_hardlink(entry, item.link_target.c_str());
        break;
      case TarEntry::Kind::kFifo: archive_entry_set_filetype(entry, AE_IFIFO); break;
    }
    archive_write_header(writer, entry);
    if (item.kind == TarEntry::Kind::kFile) archive_write_data(writer, item.content.data(), item.content.size());
    archive_entry_free(entry);
  }
  archive_write_close(writer);
  archive_write_free(writer);
  return out;
}

}  // namespace lode::test
