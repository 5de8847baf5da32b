// Whole-buffer gzip decoding with libdeflate, loaded at run time on first use (as
// libarchive is, see cache/archive_library.h). A tarball held in memory is inflated here
// in one call and libarchive reads the plain tar: libdeflate decodes the registry's
// tarballs ~4x faster than zlib, which libarchive's gzip filter uses (600 of them, 136 MB:
// 2.5 s with zlib, 0.56 s with libdeflate, on this machine). Anything this cannot decode
// in one go (several gzip members, a size the trailer gets wrong, corrupt data, no
// libdeflate) is left to libarchive, which reads every form and words the errors.
#pragma once

#include <libdeflate.h>

#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "base/error.h"
#include "base/shared_library.h"

namespace lode {

struct DeflateLibrary {
  SharedLibrary library;
  decltype(&::libdeflate_alloc_decompressor) alloc_decompressor = nullptr;
  decltype(&::libdeflate_free_decompressor) free_decompressor = nullptr;
  decltype(&::libdeflate_gzip_decompress_ex) gzip_decompress_ex = nullptr;

  // Loads libdeflate and binds the functions above. Fails when the library or a symbol is
  // missing, naming it and the Debian package to install.
  static Result<std::unique_ptr<DeflateLibrary>> load();

 private:
  explicit DeflateLibrary(SharedLibrary loaded) : library(std::move(loaded)) {}
};

using LazyDeflateLibrary = LazyLibrary<DeflateLibrary>;

// Memory to inflate into: an anonymous mapping with transparent huge pages advised, kept
// for the next tarball (InflateBuffers). Fresh memory costs a page fault per 4 KiB page,
// and in this VM each costs microseconds: inflating the api app's 395 tarballs into new
// heap buffers added ~2,400 faults and ~50 ms of system time, more than libdeflate saved.
class InflateBuffer {
 public:
  InflateBuffer() = default;
  InflateBuffer(InflateBuffer&& other) noexcept;
  InflateBuffer& operator=(InflateBuffer&& other) noexcept;
  InflateBuffer(const InflateBuffer&) = delete;
  InflateBuffer& operator=(const InflateBuffer&) = delete;
  ~InflateBuffer();

  // Room for `size` bytes (what it held is gone when it had to grow); nullptr when the
  // memory cannot be mapped.
  char* reserve(size_t size);
  // The bytes it has room for (whole pages: more than the last reserve() asked for,
  // unless that was a multiple of the page size).
  size_t capacity() const { return capacity_; }

 private:
  char* data_ = nullptr;
  size_t capacity_ = 0;
};

// Buffers between uses; at most one per thread that inflated at the same time. Thread-safe.
class InflateBuffers {
 public:
  InflateBuffer take();
  void give_back(InflateBuffer buffer);

 private:
  std::mutex mutex_;
  std::vector<InflateBuffer> idle_;
};

// The decoded bytes of `data` (in `out`'s memory) when it is exactly one gzip member whose
// trailer gives its decoded size, up to `max_size`; nullopt otherwise, for the caller to
// read it another way.
std::optional<std::string_view> gunzip_one_member(const DeflateLibrary& deflate, std::string_view data,
                                                  size_t max_size, InflateBuffer& out);

}  // namespace lode
