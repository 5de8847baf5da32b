// What resolver tests that call the library directly share: a temporary folder, an
// environment without the user's files, a quiet terminal and logger, and a config pointing
// at the test registry with fast retries.
#pragma once

#include <catch2/catch.hpp>
#include <string>
#include <utility>
#include <vector>

#include "base/log.h"
#include "base/terminal.h"
#include "registry/config.h"
#include "tests/support/test_support.h"

namespace lode::test {

struct LibraryWorld {
  RegistryServer& server;
  TempDir dir = *TempDir::create();
  Environment env = Environment::from_entries({"HOME=/nonexistent-lode-home", "PATH=/usr/bin:/bin"});
  Terminal terminal{Terminal::Streams{stdout, stderr, false, false, 80}, Environment{}, ColorMode::kNever};
  Logger logger{terminal, LogLevel::kError};

  explicit LibraryWorld(RegistryServer& server) : server(server) {}

  // The config lode would load in `dir` with `flags` given on the command line.
  Config load_config(std::vector<std::pair<std::string, std::string>> flags = {}) {
    ConfigLoadOptions options;
    options.cwd = dir.path();
    options.env = &env;
    options.cli = {{"registry", server.url()}, {"fetch-retry-mintimeout", "10"}, {"fetch-retry-maxtimeout", "20"}};
    options.cli.insert(options.cli.end(), flags.begin(), flags.end());
    auto loaded = Config::load(options);
    REQUIRE(loaded);
    return std::move(*loaded);
  }
};

}  // namespace lode::test
