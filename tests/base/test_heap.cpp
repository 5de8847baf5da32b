// back_heap_with_huge_pages: the heap's next range is advised for huge pages and what is
// allocated next comes from it.
#include <catch2/catch.hpp>

#include <unistd.h>

#include <cstdint>
#include <cstdlib>
#include <fstream>
#include <sstream>
#include <string>
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

}  // namespace

TEST_CASE("the heap's next range is advised for huge pages, unless the kernel has none", "[base]") {
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
  CHECK(reinterpret_cast<uintptr_t>(::sbrk(0)) == end_after);
  CHECK(flags_of_mapping_at(end_after - 1).find(" hg") != std::string::npos);
  for (void* block : blocks) std::free(block);
  // A second call finds nothing to grow.
  CHECK(back_heap_with_huge_pages(16 << 20) == HugePages::kFailed);
}
