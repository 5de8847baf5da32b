// bench-semver: how fast lode parses versions and answers satisfies() on real data (the
// version lists and dependency ranges in tests/fixtures/semver/semver-cases.jsonl.gz).
// bench/semver/run.sh runs it next to bench_semver.mjs (the same work through
// node-semver) and writes the figures into docs/benchmarks.md. Not a test: timings vary
// by machine, and no goal is asserted here.
//
// Usage: bench-semver <semver-cases.jsonl.gz>
// Prints one JSON object: {"versions_per_second": ..., "satisfies_per_second": ..., ...}
#include <zlib.h>

#include <chrono>
#include <cstdio>
#include <map>
#include <nlohmann/json.hpp>
#include <sstream>
#include <string>
#include <vector>

#include "resolver/semver_range.h"

using namespace lode::semver;
using Clock = std::chrono::steady_clock;

namespace {

struct Data {
  std::vector<std::vector<std::string>> lists;
  struct Check {
    size_t list;
    SemverOptions options;
    std::string range;
  };
  std::vector<Check> checks;
};

Data load(const char* path) {
  gzFile file = gzopen(path, "rb");
  if (!file) {
    std::fprintf(stderr, "bench-semver: cannot open %s\n", path);
    std::exit(2);
  }
  std::string text;
  char buffer[1 << 16];
  int read = 0;
  while ((read = gzread(file, buffer, sizeof buffer)) > 0) text.append(buffer, static_cast<size_t>(read));
  gzclose(file);
  Data data;
  std::map<int, size_t> list_index;
  std::istringstream lines(text);
  std::string line;
  while (std::getline(lines, line)) {
    if (line.starts_with("[\"list\"")) {
      auto row = nlohmann::json::parse(line);
      list_index[row[1].get<int>()] = data.lists.size();
      data.lists.push_back(row[3].get<std::vector<std::string>>());
    } else if (line.starts_with("[\"sat\"")) {
      auto row = nlohmann::json::parse(line);
      int bits = row[2].get<int>();
      data.checks.push_back({list_index.at(row[1].get<int>()), SemverOptions{(bits & 1) != 0, (bits & 2) != 0},
                             row[3].get<std::string>()});
    }
  }
  return data;
}

// Runs `work` (which returns how many operations it did) until a second has passed,
// three times, and returns the best rate.
template <class Work>
double best_rate(Work work) {
  double best = 0;
  for (int trial = 0; trial < 3; ++trial) {
    size_t operations = 0;
    auto start = Clock::now();
    std::chrono::duration<double> elapsed{};
    do {
      operations += work();
      elapsed = Clock::now() - start;
    } while (elapsed.count() < 1.0);
    best = std::max(best, static_cast<double>(operations) / elapsed.count());
  }
  return best;
}

size_t g_sink = 0;  // keeps results observable so nothing is optimised away

}  // namespace

int main(int argc, char** argv) {
  if (argc != 2) {
    std::fprintf(stderr, "usage: bench-semver <semver-cases.jsonl.gz>\n");
    return 2;
  }
  Data data = load(argv[1]);
  size_t version_count = 0;
  for (const auto& list : data.lists) version_count += list.size();

  double versions_per_second = best_rate([&] {
    for (const auto& list : data.lists) {
      for (const std::string& text : list) {
        auto version = Version::parse(text);
        g_sink += version ? version->patch() : 1;
      }
    }
    return version_count;
  });

  double ranges_per_second = best_rate([&] {
    for (const auto& check : data.checks) g_sink += Range::parse(check.range, check.options) ? 1 : 0;
    return data.checks.size();
  });

  // satisfies() as resolution calls it: ranges parsed once, versions parsed once.
  std::vector<std::vector<Version>> parsed_lists(data.lists.size());
  for (size_t i = 0; i < data.lists.size(); ++i) {
    for (const std::string& text : data.lists[i]) {
      if (auto version = Version::parse(text)) parsed_lists[i].push_back(std::move(*version));
    }
  }
  std::vector<std::pair<const std::vector<Version>*, Range>> work;
  size_t calls_per_round = 0;
  for (const auto& check : data.checks) {
    if (auto range = Range::parse(check.range, check.options)) {
      work.emplace_back(&parsed_lists[check.list], std::move(*range));
      calls_per_round += parsed_lists[check.list].size();
    }
  }
  double satisfies_per_second = best_rate([&] {
    for (const auto& [versions, range] : work) {
      for (const Version& version : *versions) g_sink += range.test(version) ? 1 : 0;
    }
    return calls_per_round;
  });

  nlohmann::json out = {
      {"versions", version_count},
      {"ranges", data.checks.size()},
      {"satisfies_calls_per_round", calls_per_round},
      {"versions_per_second", versions_per_second},
      {"ranges_per_second", ranges_per_second},
      {"satisfies_per_second", satisfies_per_second},
      {"sink", g_sink % 2},
  };
  std::printf("%s\n", out.dump().c_str());
  return 0;
}
