// Unpacks a package tarball (.tgz held in memory) into a folder with libarchive, the way
// npm does and safely:
// - the first path component is stripped whatever its name ("package/", "node-sass/");
//   entries with nothing left after it are skipped;
// - absolute paths and paths with ".." are refused (skipped and reported);
// - symbolic and hard links are skipped, as npm's extractor does, so no entry can make a
//   later one land outside the folder;
// - modes are normalised: 0755 for files with any execute bit, 0644 for other files,
//   0755 for folders; devices, fifos and the like are skipped.
// Each file's SHA-256 is computed on the way, for `lode cache verify`.
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "base/error.h"
#include "base/fs.h"
#include "cache/archive_library.h"
#include "cache/index.h"

namespace lode {

struct ExtractionResult {
  std::vector<StoredFile> files;      // in tarball order
  std::vector<std::string> skipped;   // "<entry>: <reason>" for each refused entry
  uint64_t unpacked_size = 0;
};

// Extracts `tarball` into `destination` (which must exist and be empty) with `archive`.
// `source` names the tarball in errors. Fails (kParse) when the data is not a readable
// gzip'd tar and (kIo) when writing fails; the caller removes the half-filled folder.
Result<ExtractionResult> extract_tarball(const ArchiveLibrary& archive, std::string_view tarball,
                                         const fs::path& destination, std::string_view source);

// The entry's path with its first component removed and checked: nullopt (with `reason`
// set) when it must not be extracted. Exposed for tests.
std::optional<std::string> safe_entry_path(std::string_view entry_path, std::string& reason);

}  // namespace lode
