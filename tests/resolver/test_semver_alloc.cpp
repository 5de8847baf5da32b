// satisfies() on a parsed range must not allocate: resolution calls it millions of times.
// This file replaces the global operator new for the whole test-resolver executable with
// a counting one; only the test below reads the count.
#include <atomic>
#include <catch2/catch.hpp>
#include <cstdlib>
#include <new>

#include "resolver/semver_range.h"

namespace {
std::atomic<size_t> g_allocations{0};
}  // namespace

void* operator new(std::size_t size) {
  g_allocations.fetch_add(1, std::memory_order_relaxed);
  if (void* memory = std::malloc(size == 0 ? 1 : size)) return memory;
  throw std::bad_alloc();
}
void operator delete(void* memory) noexcept { std::free(memory); }
void operator delete(void* memory, std::size_t) noexcept { std::free(memory); }

using namespace lode::semver;

TEST_CASE("testing a parsed range against parsed versions does not allocate", "[resolver]") {
  std::vector<Range> ranges;
  for (const char* text : {"^1.2.3", "~1.2.3-beta.1 || >=2.0.0 <3", "1.x || >=2.5.0 || 5.0.0 - 7.2.3", "*",
                           ">=1.0.0-alpha.1 <1.0.0-alpha.10", "<0.0.0-0", "1.2.3-9007199254740993"}) {
    for (SemverOptions options : {SemverOptions{}, SemverOptions{true, true}}) {
      auto range = Range::parse(text, options);
      REQUIRE(range);
      ranges.push_back(std::move(*range));
    }
  }
  std::vector<Version> versions;
  for (const char* text : {"1.2.3", "1.2.4-beta.2", "1.0.0-alpha.2", "1.0.0-alpha.beta", "2.4.0", "6.0.0",
                           "0.0.0", "1.2.3-9007199254740992", "1.2.3-09007199254740993", "10.20.30-rc.1+b"}) {
    auto version = Version::parse(text, {true, false});
    REQUIRE(version);
    versions.push_back(std::move(*version));
  }
  size_t before = g_allocations.load();
  size_t matches = 0;
  for (int round = 0; round < 100; ++round) {
    for (const Range& range : ranges) {
      for (const Version& version : versions) matches += satisfies(range, version) ? 1 : 0;
      matches += max_satisfying(std::span<const Version>(versions), range).value_or(0);
    }
  }
  size_t after = g_allocations.load();
  CHECK(matches > 0);
  CHECK(after - before == 0);
}
