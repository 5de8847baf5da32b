// The CLI frame, driven through the built binary: help, version, usage errors, exit codes.
#include <catch2/catch.hpp>
#include <regex>

#include "base/fs.h"
#include "tests/support/test_support.h"

using namespace lode;
using namespace lode::test;

TEST_CASE("lode --help lists every command and exits 0", "[cli]") {
  Sandbox sandbox;
  for (auto args : {std::vector<std::string>{"--help"}, {"-h"}, {"help"}, {}}) {
    LodeResult result = sandbox.lode(args);
    CHECK(result.status == 0);
    CHECK(result.out.find("Usage:") != std::string::npos);
    CHECK(result.out.find("  config ") != std::string::npos);
    CHECK(result.out.find("  help ") != std::string::npos);
    CHECK(result.err.empty());
  }
}

TEST_CASE("command help comes three ways", "[cli]") {
  Sandbox sandbox;
  LodeResult a = sandbox.lode({"help", "config"});
  LodeResult b = sandbox.lode({"config", "--help"});
  LodeResult c = sandbox.lode({"--help", "config"});
  CHECK(a.status == 0);
  CHECK(a.out.starts_with("Usage: lode config"));
  CHECK(a.out.find("--location") != std::string::npos);
  CHECK(a.out == b.out);
  CHECK(a.out == c.out);
}

TEST_CASE("lode --version names lode and the V8 it embeds", "[cli]") {
  Sandbox sandbox;
  LodeResult result = sandbox.lode({"--version"});
  CHECK(result.status == 0);
  CHECK(std::regex_match(result.out, std::regex(R"(lode \d+\.\d+\.\d+ \(V8 10\.2\.\d+\.\d+\)\n)")));
  CHECK(sandbox.lode({"-v"}).out == result.out);
}

TEST_CASE("an unknown command is a usage error naming the closest one", "[cli]") {
  Sandbox sandbox;
  LodeResult result = sandbox.lode({"confgi"});
  CHECK(result.status == 2);
  CHECK(result.out.empty());
  CHECK(result.err == "lode: error: unknown command 'confgi'\nlode: hint: did you mean `lode config`?\n");
  LodeResult far = sandbox.lode({"qqqqqqq"});
  CHECK(far.status == 2);
  CHECK(far.err.find("run `lode help`") != std::string::npos);
}

TEST_CASE("an unknown flag is a usage error naming the closest one", "[cli]") {
  Sandbox sandbox;
  LodeResult result = sandbox.lode({"config", "list", "--jsno"});
  CHECK(result.status == 2);
  CHECK(result.err.find("lode: error: unknown option --jsno\n") == 0);
  CHECK(result.err.find("did you mean --json?") != std::string::npos);
  LodeResult missing = sandbox.lode({"config", "--cwd"});
  CHECK(missing.status == 2);
  CHECK(missing.err.find("option --cwd needs a value <dir>") != std::string::npos);
}

TEST_CASE("--cwd runs as if started elsewhere; a missing dir is a usage error", "[cli]") {
  Sandbox sandbox;
  sandbox.write(sandbox.root() / "other" / "package.json", "{}");
  sandbox.write(sandbox.root() / "other" / ".npmrc", "marker=other\n");
  LodeResult result = sandbox.lode({"--cwd", "../other", "config", "get", "marker"});
  CHECK(result.status == 0);
  CHECK(result.out == "other\n");
  LodeResult missing = sandbox.lode({"config", "list", "--cwd", "no-such-dir"});
  CHECK(missing.status == 2);
  CHECK(missing.err.find("--cwd names no directory") != std::string::npos);
}

TEST_CASE("--json is refused by commands without machine-readable output", "[cli]") {
  Sandbox sandbox;
  LodeResult result = sandbox.lode({"help", "--json"});
  CHECK(result.status == 2);
  CHECK(result.err.find("--json is not supported by `lode help`") != std::string::npos);
}

TEST_CASE("errors in --json mode are also JSON on stdout", "[cli]") {
  Sandbox sandbox;
  LodeResult result = sandbox.lode({"config", "frobnicate", "--json"});
  CHECK(result.status == 2);
  CHECK(result.out.find("\"code\": \"EUSAGE\"") != std::string::npos);
  CHECK(result.err.find("lode: error: unknown config subcommand 'frobnicate'") == 0);
}

TEST_CASE("colour only on request when output is not a terminal", "[cli]") {
  Sandbox sandbox;
  LodeResult plain = sandbox.lode({"nosuchcommand"});
  CHECK(plain.err.find("\x1b[") == std::string::npos);
  sandbox.env().set("FORCE_COLOR", "1");
  LodeResult forced = sandbox.lode({"nosuchcommand"});
  CHECK(forced.err.find("\x1b[31merror\x1b[0m") != std::string::npos);
  sandbox.env().set("NO_COLOR", "1");
  sandbox.env().unset("FORCE_COLOR");
  CHECK(sandbox.lode({"nosuchcommand", "--color=always"}).err.find("\x1b[") == std::string::npos);
}

TEST_CASE("docs/cli.md documents every command and option", "[cli]") {
  Sandbox sandbox;
  auto doc = read_file(source_root() / "docs" / "cli.md");
  REQUIRE(doc);
  LodeResult help = sandbox.lode({"--help"});
  std::regex command_line(R"(\n  ([a-z]+) {2,})");
  std::vector<std::string> commands;
  for (std::sregex_iterator it(help.out.begin(), help.out.end(), command_line), end; it != end; ++it) {
    commands.push_back((*it)[1]);
  }
  REQUIRE(commands.size() >= 2);
  std::regex option(R"(--[a-z][a-z-]*)");
  for (const std::string& command : commands) {
    INFO("command " << command);
    CHECK(doc->find("## lode " + command) != std::string::npos);
    std::string usage = sandbox.lode({"help", command}).out;
    for (std::sregex_iterator it(usage.begin(), usage.end(), option), end; it != end; ++it) {
      INFO("option " << it->str());
      CHECK(doc->find(it->str()) != std::string::npos);
    }
  }
  for (std::sregex_iterator it(help.out.begin(), help.out.end(), option), end; it != end; ++it) {
    INFO("global option " << it->str());
    CHECK(doc->find(it->str()) != std::string::npos);
  }
}
