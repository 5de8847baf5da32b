#include "base/heap.h"

#include <malloc.h>
#include <sys/mman.h>
#include <unistd.h>

#include <array>
#include <cstdint>
#include <cstdlib>
#include <string>

#include "base/fs.h"

namespace lode {

namespace {

constexpr uintptr_t kHugePage = uintptr_t{2} << 20;
constexpr size_t kProbe = 64 << 10;  // under glibc's mmap threshold: comes from the heap
constexpr size_t kMaxProbes = 64;
constexpr int kDefaultTopPad = 128 << 10;  // glibc's M_TOP_PAD (mallopt(3))

// "always [madvise] never": huge pages are there unless the kernel says never.
bool kernel_offers_huge_pages() {
  Result<std::string> setting = read_file("/sys/kernel/mm/transparent_hugepage/enabled");
  return setting && setting->find("[never]") == std::string::npos;
}

uintptr_t heap_end() { return reinterpret_cast<uintptr_t>(::sbrk(0)); }

}  // namespace

HugePages back_heap_with_huge_pages(size_t bytes) {
  if (!kernel_offers_huge_pages()) return HugePages::kUnavailable;
  // glibc grows the heap by what it needs plus M_TOP_PAD: a padded growth is forced by
  // allocating until the heap's end moves, then the padding goes back to its default.
  // The trim threshold keeps free() from handing the range back (and faulting it again).
  ::mallopt(M_TRIM_THRESHOLD, static_cast<int>(bytes * 2));
  ::mallopt(M_TOP_PAD, static_cast<int>(bytes));
  uintptr_t before = heap_end();
  std::array<void*, kMaxProbes> probes{};
  size_t taken = 0;
  while (taken < kMaxProbes && heap_end() == before) probes[taken++] = std::malloc(kProbe);
  while (taken > 0) std::free(probes[--taken]);
  uintptr_t after = heap_end();
  ::mallopt(M_TOP_PAD, kDefaultTopPad);
  // Only whole huge pages inside the range can be huge.
  uintptr_t start = (before + kHugePage - 1) & ~(kHugePage - 1);
  if (after <= start + kHugePage) return HugePages::kFailed;
  if (::madvise(reinterpret_cast<void*>(start), after - start, MADV_HUGEPAGE) != 0) return HugePages::kFailed;
  ::mallopt(M_ARENA_MAX, 1);
  return HugePages::kAdvised;
}

}  // namespace lode
