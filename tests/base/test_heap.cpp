// back_heap_with_huge_pages: the heap's next range is advised for huge pages and what is
// allocated next, on this thread or a new one, comes from it. Hidden from test-base's
// run: it changes how the process allocates, and needs a process whose threads have made
// no arenas yet (tests/meson.build runs it alone).
#include <catch2/catch.hpp>

#include <unistd.h>

#include <cstdint>
#include <cstdlib>
#include <fstream>
#include <sstream>
#include <string>
#include <thread>
#include <vector>

#include "base/fs.h"
#include "base/heap.h"

using namespace lode;

namespace {

// The VmFlags of the mapping of /proc/self/smaps that holds `address`.
std::string flags_of_mapping_at(uintptr_t address) {
  std::ifstream smaps("/proc/self/smaps");
  std::string line;
  bool inside = false;
  while (std::getline(smaps, line)) {
    uintptr_t start = 0, end = 0;
    char dash = 0;
    std::istringstream range(line);
    if (range >> std::hex >> start >> dash >> end && dash == '-') {
      inside = start <= address && address < end;
      continue;
    }
    if (inside && line.starts_with("VmFlags:")) return line;
  }
  return "";
}

// Where the brk heap begins (the kernel names its mappings "[heap]").
uintptr_t heap_start() {
  std::ifstream maps("/proc/self/maps");
  std::string line;
  while (std::getline(maps, line)) {
    if (!line.ends_with("[heap]")) continue;
    return std::stoull(line.substr(0, line.find('-')), nullptr, 16);
  }
  return UINTPTR_MAX;
}

}  // namespace

TEST_CASE("the heap's next range is advised for huge pages, unless the kernel has none", "[base][.heap]") {
  Result<std::string> setting = read_file("/sys/kernel/mm/transparent_hugepage/enabled");
  bool offered = setting && setting->find("[never]") == std::string::npos;
  uintptr_t end_before = reinterpret_cast<uintptr_t>(::sbrk(0));
  HugePages result = back_heap_with_huge_pages(16 << 20);
  if (!offered) {
    CHECK(result == HugePages::kUnavailable);
    return;
  }
  REQUIRE(result == HugePages::kAdvised);
  uintptr_t end_after = reinterpret_cast<uintptr_t>(::sbrk(0));
  CHECK(end_after >= end_before + (16 << 20));
  // What is allocated next (under glibc's mmap threshold) comes from the advised range,
  // which the kernel marks "hg", without growing the heap.
  std::vector<void*> blocks;
  for (int i = 0; i < 16; ++i) blocks.push_back(std::malloc(64 << 10));
  for (void* block : blocks) CHECK(reinterpret_cast<uintptr_t>(block) < end_after);
  // (The first ones may fill what was free below the old end.)
  CHECK(reinterpret_cast<uintptr_t>(blocks.back()) >= end_before);
  // So does what a thread started now allocates (without one arena, a new mapping's).
  uintptr_t from_thread = 0;
  std::thread([&] {
    void* block = std::malloc(64 << 10);
    from_thread = reinterpret_cast<uintptr_t>(block);
    std::free(block);
  }).join();
  CHECK(from_thread >= heap_start());
  CHECK(from_thread < end_after);
  CHECK(reinterpret_cast<uintptr_t>(::sbrk(0)) == end_after);
  CHECK(flags_of_mapping_at(end_after - 1).find(" hg") != std::string::npos);
  for (void* block : blocks) std::free(block);
  // A second call finds nothing to grow.
  CHECK(back_heap_with_huge_pages(16 << 20) == HugePages::kFailed);
}
