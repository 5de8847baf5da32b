// Package document throughput: for each JSON document given, how fast lode parses it
// (simdjson on-demand into PackageDocument), how large its compact cached form is, and
// how fast that form loads back from the cache index (SQLite read + decode). Prints one
// JSON object per document. Timing lives here, never in tests.
#include <algorithm>
#include <chrono>
#include <cstdio>
#include <string>
#include <vector>

#include "base/fs.h"
#include "cache/index.h"
#include "registry/document_parser.h"

namespace {

using Clock = std::chrono::steady_clock;

// The median of `runs` timings of `work`, in milliseconds.
template <class Work>
double median_ms(int runs, Work work) {
  std::vector<double> times;
  for (int i = 0; i < runs; ++i) {
    auto start = Clock::now();
    work();
    times.push_back(std::chrono::duration<double, std::milli>(Clock::now() - start).count());
  }
  std::sort(times.begin(), times.end());
  return times[times.size() / 2];
}

}  // namespace

int main(int argc, char** argv) {
  if (argc < 2) {
    std::fprintf(stderr, "usage: bench-documents <document.json>...\n");
    return 2;
  }
  auto dir = lode::TempDir::create();
  auto index = lode::CacheIndex::open(dir->path() / "index.sqlite");
  if (!dir || !index) return 1;
  lode::DocumentParser parser;
  for (int i = 1; i < argc; ++i) {
    auto json = lode::read_file(argv[i]);
    if (!json) {
      std::fprintf(stderr, "cannot read %s\n", argv[i]);
      return 1;
    }
    auto first = parser.parse(*json, argv[i]);
    if (!first) {
      std::fprintf(stderr, "cannot parse %s: %s\n", argv[i], first.error().message.c_str());
      return 1;
    }
    int runs = json->size() > 4'000'000 ? 9 : 31;
    double parse = median_ms(runs, [&] { (void)parser.parse(*json, argv[i]); });
    std::string encoded = lode::encode_document(*first);
    (void)index->put_document({"bench/", first->name, encoded, "", "", 0, -1});
    double load = median_ms(runs, [&] {
      auto cached = index->find_document("bench/", first->name);
      (void)lode::decode_document((*cached)->body);
    });
    std::printf(
        "{\"document\": \"%s\", \"bytes\": %zu, \"versions\": %zu, \"parse_ms\": %.3f, \"parse_mb_per_s\": %.1f, "
        "\"cached_bytes\": %zu, \"cached_load_ms\": %.3f}\n",
        first->name.c_str(), json->size(), first->versions.size(), parse,
        static_cast<double>(json->size()) / 1e6 / (parse / 1000.0), encoded.size(), load);
  }
  return 0;
}
