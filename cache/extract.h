// Unpacks a package tarball (.tgz held in memory, or streamed in while it downloads) into a
// folder with libarchive, the way npm does and safely:
// - the first path component is stripped whatever its name ("package/", "node-sass/");
//   entries with nothing left after it are skipped;
// - absolute paths and paths with ".." are refused (skipped and reported);
// - symbolic and hard links are skipped, as npm's extractor does, so no entry can make a
//   later one land outside the folder;
// - modes are normalised: 0755 for files with any execute bit, 0644 for other files,
//   0755 for folders; devices, fifos and the like are skipped.
// Each file's SHA-256 is computed on the way, for `lode cache verify`.
#pragma once

#include <condition_variable>
#include <deque>
#include <mutex>
#include <optional>
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

// A tarball handed over piece by piece as it downloads, to be extracted at the same time
// on another thread: a large package is then unpacked when its last byte arrives, not
// after. The producer ends it with close() once it has checked the whole download, or
// abandon() (a retry, a failed check), which makes the extraction fail.
class TarballStream {
 public:
  // Producer side (one thread).
  void push(std::string_view piece);
  void close();
  void abandon();
  // Consumer side: the next piece, waiting for it; empty at the end; nullopt once
  // abandoned.
  std::optional<std::string> next();
  // Consumer side: discards what is left until the producer's verdict; whether it closed
  // the stream (false: abandoned).
  bool wait_for_end();

 private:
  std::mutex mutex_;
  std::condition_variable changed_;
  std::deque<std::string> pieces_;
  bool closed_ = false;
  bool abandoned_ = false;
};

// As extract_tarball, reading from `stream` until it is closed. Fails (kParse) as well
// when the stream is abandoned.
Result<ExtractionResult> extract_tarball_stream(const ArchiveLibrary& archive, TarballStream& stream,
                                                const fs::path& destination, std::string_view source);

// The entry's path with its first component removed and checked: nullopt (with `reason`
// set) when it must not be extracted. Exposed for tests.
std::optional<std::string> safe_entry_path(std::string_view entry_path, std::string& reason);

}  // namespace lode
