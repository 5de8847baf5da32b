#include "base/gunzip.h"

#include <sys/mman.h>

#include <algorithm>
#include <cstdint>
#include <utility>

namespace lode {

// The SONAME lode was built against (Debian 12's libdeflate0).
constexpr const char* kDeflateSoname = "libdeflate.so.0";

Result<std::unique_ptr<DeflateLibrary>> DeflateLibrary::load() {
  Result<SharedLibrary> library = SharedLibrary::open(kDeflateSoname, "libdeflate0");
  if (!library) return std::unexpected(library.error());
  std::unique_ptr<DeflateLibrary> deflate(new DeflateLibrary(std::move(*library)));
  const SharedLibrary& lib = deflate->library;
  for (Result<void> bound : {lib.bind(deflate->alloc_decompressor, "libdeflate_alloc_decompressor"),
                             lib.bind(deflate->free_decompressor, "libdeflate_free_decompressor"),
                             lib.bind(deflate->gzip_decompress_ex, "libdeflate_gzip_decompress_ex")}) {
    if (!bound) return std::unexpected(bound.error());
  }
  return deflate;
}

std::optional<std::string_view> gunzip_one_member(const DeflateLibrary& deflate, std::string_view data,
                                                  size_t max_size, InflateBuffer& out) {
  // A gzip member: a 10-byte header starting 1f 8b 08 (deflate), ..., then CRC32 and ISIZE
  // (the decoded size modulo 2^32, little-endian) in the last 8 bytes.
  if (data.size() < 18 || static_cast<uint8_t>(data[0]) != 0x1f || static_cast<uint8_t>(data[1]) != 0x8b ||
      data[2] != 8) {
    return std::nullopt;
  }
  const auto* trailer = reinterpret_cast<const uint8_t*>(data.data() + data.size() - 4);
  size_t size = uint32_t(trailer[0]) | uint32_t(trailer[1]) << 8 | uint32_t(trailer[2]) << 16 | uint32_t(trailer[3]) << 24;
  if (size > max_size) return std::nullopt;
  char* buffer = out.reserve(size);
  if (buffer == nullptr) return std::nullopt;
  std::unique_ptr<libdeflate_decompressor, decltype(deflate.free_decompressor)> decompressor(
      deflate.alloc_decompressor(), deflate.free_decompressor);
  if (!decompressor) return std::nullopt;
  size_t consumed = 0;
  size_t produced = 0;
  libdeflate_result result =
      deflate.gzip_decompress_ex(decompressor.get(), data.data(), data.size(), buffer, size, &consumed, &produced);
  // Bytes left over are a second member (or garbage): libarchive's to judge.
  if (result != LIBDEFLATE_SUCCESS || consumed != data.size() || produced != size) return std::nullopt;
  return std::string_view(buffer, size);
}

namespace {

constexpr size_t kHugePage = size_t{2} << 20;

}  // namespace

InflateBuffer::InflateBuffer(InflateBuffer&& other) noexcept
    : data_(std::exchange(other.data_, nullptr)), capacity_(std::exchange(other.capacity_, 0)) {}

InflateBuffer& InflateBuffer::operator=(InflateBuffer&& other) noexcept {
  if (this != &other) {
    if (data_) ::munmap(data_, capacity_);
    data_ = std::exchange(other.data_, nullptr);
    capacity_ = std::exchange(other.capacity_, 0);
  }
  return *this;
}

InflateBuffer::~InflateBuffer() {
  if (data_) ::munmap(data_, capacity_);
}

char* InflateBuffer::reserve(size_t size) {
  if (size <= capacity_ && data_) return data_;
  if (data_) ::munmap(data_, capacity_);
  data_ = nullptr;
  capacity_ = 0;
  size_t rounded = std::max(kHugePage, (size + kHugePage - 1) / kHugePage * kHugePage);
  void* mapped = ::mmap(nullptr, rounded, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
  if (mapped == MAP_FAILED) return nullptr;
  // Advice only: without huge pages it is ordinary memory.
  ::madvise(mapped, rounded, MADV_HUGEPAGE);
  data_ = static_cast<char*>(mapped);
  capacity_ = rounded;
  return data_;
}

InflateBuffer InflateBuffers::take() {
  std::lock_guard lock(mutex_);
  if (idle_.empty()) return {};
  InflateBuffer buffer = std::move(idle_.back());
  idle_.pop_back();
  return buffer;
}

void InflateBuffers::give_back(InflateBuffer buffer) {
  std::lock_guard lock(mutex_);
  idle_.push_back(std::move(buffer));
}

}  // namespace lode
