// lode semver, driven through the built binary: output, stderr and exit status must be
// those of node-semver's own CLI (bin/semver.js of semver 7.8.6), recorded in the table
// below by running it on the same arguments.
#include <catch2/catch.hpp>

#include "tests/support/test_support.h"

using namespace lode;
using namespace lode::test;

namespace {

struct CliCase {
  std::vector<std::string> args;
  int status;
  std::string out;
  std::string err;
};

// Recorded from `node node_modules/semver/bin/semver.js <args>` (semver 7.8.6).
const CliCase kRecorded[] = {
    {{"1.2.3", "2.0.0", "1.0.0-beta", "v0.9.0", "-r", "^1.0.0 || ^2"}, 0, "1.2.3\n2.0.0\n", ""},
    {{"-i", "minor", "1.2.3"}, 0, "1.3.0\n", ""},
    {{"1.2.3", "-i"}, 0, "1.2.4\n", ""},
    {{"-i", "foo", "1.2.3"}, 0, "1.2.4\n", "Invalid value for -i; defaulting to 'patch'. This may become a failure in future major versions.\n"},
    {{"-r", ">5", "1.2.3"}, 1, "", ""},
    {{"-p", "-r", "^1", "1.5.0-beta"}, 0, "1.5.0-beta\n", ""},
    {{"--range=^1", "1.5.0", "-l", "v1.2.3", "=1.0.0"}, 0, "1.0.0\n1.2.3\n1.5.0\n", ""},
    {{"-c", "v2 x", "1.2.3.4", "--rtl"}, 0, "2.0.0\n2.3.4\n", ""},
    {{"-i", "prerelease", "--preid", "beta", "-n", "1", "1.2.3"}, 0, "1.2.4-beta.1\n", ""},
    {{"-i", "release", "1.2.3"}, 0, "null\n", ""},
    {{"-rv", "1.0.0", "2.0.0"}, 0, "2.0.0\n1.0.0\n", ""},
    {{"-i", "1.2.3", "2.0.0"}, 1, "", "--inc can only be used on a single version with no range\n"},
    {{"=1.2.3"}, 0, "1.2.3\n", ""},
    {{">=1.2.3"}, 0, "1.2.3\n", ""},
    {{"1.2.3", "-r"}, 1, "", ""},
    {{"-r", "1.x", "1.2.3", "-r", ">=1.2.4"}, 1, "", ""},
    {{"-c", "1.2.3.4"}, 0, "1.2.3\n", ""},
    {{"-c", "--rtl", "1.2.3.4"}, 0, "2.3.4\n", ""},
    {{"-c", "-p", "1.2.3-beta.01"}, 0, "1.2.3-beta\n", ""},
    {{"-i=major", "1.2.3"}, 0, "2.0.0\n", ""},
    {{"--increment", "premajor", "--preid", "alpha", "-n", "false", "1.2.3"}, 0, "2.0.0-alpha\n", ""},
    {{"-i", "prepatch", "-n", "false", "1.2.3"}, 0, "null\n", ""},
    {{"-i", "prerelease", "--preid", "rc", "1.2.3-rc.4"}, 0, "1.2.3-rc.5\n", ""},
    {{"-l", "1.2.3beta"}, 0, "1.2.3-beta\n", ""},
    {{"1.2.3beta"}, 1, "", ""},
    {{"1.0.0+b", "1.0.0+a", "1.0.0"}, 0, "1.0.0\n1.0.0\n1.0.0\n", ""},
    {{"-v", "1.2.3", "-v"}, 0, "1.2.3\n", ""},
    {{"--preid"}, 1, "", ""},
    {{"-n"}, 1, "", ""},
    {{"-i"}, 1, "", ""},
    {{"1.2.3", "1.2.3-alpha", "1.2.3-alpha.1", "1.2.3-alpha.beta", "0.0.1"}, 0, "0.0.1\n1.2.3-alpha\n1.2.3-alpha.1\n1.2.3-alpha.beta\n1.2.3\n", ""},
    {{"--rev", "1.2.3", "1.2.3-alpha"}, 0, "1.2.3\n1.2.3-alpha\n", ""},
    {{"-l", "--rtl", "-c", "x1.2.3y4.5.6"}, 0, "4.5.6\n", ""},
    {{"-p", "1.2.3-beta", "-r", "*"}, 0, "1.2.3-beta\n", ""},
    {{"1.2.3", "-r", "*"}, 0, "1.2.3\n", ""},
    {{"1.2.3-beta", "-r", "*"}, 1, "", ""},
    {{"--coerce", "42"}, 0, "42.0.0\n", ""},
    {{"-c", "-l", "v01.2.3"}, 0, "1.2.3\n", ""},
    {{"-i", "pre", "1.2.3"}, 0, "1.2.4\n", "Invalid value for -i; defaulting to 'patch'. This may become a failure in future major versions.\n"},
    {{"-i", "major", "1.2.3", "--preid", "x"}, 0, "2.0.0\n", ""},
    {{"--inc=prerelease", "--preid=beta", "1.0.0-beta.3"}, 0, "1.0.0-beta.4\n", ""},
};

}  // namespace

TEST_CASE("lode semver matches node-semver's CLI output and exit status", "[cli]") {
  Sandbox sandbox;
  for (const CliCase& c : kRecorded) {
    std::vector<std::string> args{"semver"};
    args.insert(args.end(), c.args.begin(), c.args.end());
    LodeResult result = sandbox.lode(args);
    std::string shown;
    for (const std::string& arg : c.args) shown += " '" + arg + "'";
    INFO("semver" << shown);
    CHECK(result.status == c.status);
    CHECK(result.out == c.out);
    CHECK(result.err == c.err);
  }
}

TEST_CASE("lode semver -p means --include-prerelease after the command", "[cli]") {
  Sandbox sandbox;
  LodeResult plain = sandbox.lode({"semver", "-r", "^1.0.0", "1.5.0-beta.1"});
  CHECK(plain.status == 1);
  CHECK(plain.out.empty());
  LodeResult with = sandbox.lode({"semver", "-p", "-r", "^1.0.0", "1.5.0-beta.1"});
  CHECK(with.status == 0);
  CHECK(with.out == "1.5.0-beta.1\n");
}

TEST_CASE("lode semver -i takes a level only when one follows", "[cli]") {
  Sandbox sandbox;
  CHECK(sandbox.lode({"semver", "-i", "premajor", "1.2.3"}).out == "2.0.0-0\n");
  CHECK(sandbox.lode({"semver", "1.2.3", "-i"}).out == "1.2.4\n");
  CHECK(sandbox.lode({"semver", "-i", "1.2.3"}).out == "1.2.4\n");
  LodeResult errant = sandbox.lode({"semver", "-i", "majr", "1.2.3"});
  CHECK(errant.out == "1.2.4\n");
  CHECK(errant.err.find("Invalid value for -i; defaulting to 'patch'") == 0);
}

TEST_CASE("lode semver sorts, cleans and filters versions", "[cli]") {
  Sandbox sandbox;
  LodeResult result = sandbox.lode({"semver", "2.0.0", " v1.2.3 ", "nonsense", "1.2.3-beta", "10.0.0"});
  CHECK(result.status == 0);
  CHECK(result.out == "1.2.3-beta\n1.2.3\n2.0.0\n10.0.0\n");
  CHECK(sandbox.lode({"semver", "nonsense"}).status == 1);
  LodeResult loose = sandbox.lode({"semver", "-l", "=1.2.3", "-r", "1.2"});
  CHECK(loose.out == "1.2.3\n");
}

TEST_CASE("lode semver with no arguments or --help prints its usage", "[cli]") {
  Sandbox sandbox;
  LodeResult bare = sandbox.lode({"semver"});
  CHECK(bare.status == 0);
  CHECK(bare.out.starts_with("Usage: lode semver"));
  LodeResult help = sandbox.lode({"semver", "1.2.3", "--help"});
  CHECK(help.out == bare.out);
  CHECK(help.out.find("--include-prerelease") != std::string::npos);
}
