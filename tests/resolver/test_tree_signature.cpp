// The signature of node_modules' top that the no-op check trusts: what changes it, what
// does not, and when the one-stat-per-folder quick path is taken.
#include <fcntl.h>
#include <sys/stat.h>

#include <catch2/catch.hpp>
#include <chrono>
#include <thread>

#include "base/fs.h"
#include "resolver/install_state.h"
#include "resolver/tree_signature.h"

using namespace lode;

namespace {

// Sets a path's times an hour back, as if it had been installed long ago.
void age(const fs::path& path) {
  struct timespec times[2];
  ::clock_gettime(CLOCK_REALTIME, &times[0]);
  times[0].tv_sec -= 3600;
  times[1] = times[0];
  REQUIRE(::utimensat(AT_FDCWD, path.c_str(), times, AT_SYMLINK_NOFOLLOW) == 0);
}

struct Tree {
  TempDir dir = *TempDir::create();
  fs::path node_modules = dir.path() / "node_modules";
  Tree() {
    for (const char* folder : {"a", "b", "@scope/c", ".bin"}) fs::create_directories(node_modules / folder);
    for (const char* folder : {"a", "b", "@scope/c", "@scope", ".bin", ""}) age(node_modules / folder);
  }
};

}  // namespace

TEST_CASE("an untouched tree matches; a settled quick signature is offered once", "[resolver]") {
  Tree tree;
  TreeSignature recorded = sign_tree(tree.node_modules);
  REQUIRE_FALSE(recorded.fingerprint.empty());
  // As an install records it: the fingerprint alone.
  TreeComparison first = match_tree(tree.node_modules, {recorded.fingerprint, ""});
  CHECK(first.match == TreeMatch::kFull);
  CHECK(first.settled_quick == recorded.quick);
  CHECK(match_tree(tree.node_modules, recorded).match == TreeMatch::kQuick);
}

TEST_CASE("a quick signature is not offered while the tree's times are fresh", "[resolver]") {
  Tree tree;
  fs::create_directories(tree.node_modules / "d");  // node_modules' time is now
  TreeSignature recorded = sign_tree(tree.node_modules);
  TreeComparison compared = match_tree(tree.node_modules, {recorded.fingerprint, ""});
  CHECK(compared.match == TreeMatch::kFull);
  CHECK(compared.settled_quick.empty());
}

TEST_CASE("a file written after the tree settles a fresh quick signature at once", "[resolver]") {
  Tree tree;
  fs::create_directories(tree.node_modules / "d");  // node_modules' time is now
  TreeSignature recorded = sign_tree(tree.node_modules);
  fs::path record = tree.dir.path() / "record";
  // Written a few clock ticks later, as an install writes its record after the tree.
  std::this_thread::sleep_for(std::chrono::milliseconds(50));
  REQUIRE(write_file_atomic(record, "x"));
  TreeComparison compared = match_tree(tree.node_modules, {recorded.fingerprint, ""}, record);
  CHECK(compared.match == TreeMatch::kFull);
  CHECK(compared.settled_quick == recorded.quick);
  // Not a record older than the tree, nor one from the future, nor a missing one.
  age(record);
  CHECK(match_tree(tree.node_modules, {recorded.fingerprint, ""}, record).settled_quick.empty());
  struct timespec times[2];
  ::clock_gettime(CLOCK_REALTIME, &times[0]);
  times[0].tv_sec += 3600;
  times[1] = times[0];
  REQUIRE(::utimensat(AT_FDCWD, record.c_str(), times, 0) == 0);
  CHECK(match_tree(tree.node_modules, {recorded.fingerprint, ""}, record).settled_quick.empty());
  CHECK(match_tree(tree.node_modules, {recorded.fingerprint, ""}, tree.dir.path() / "none").settled_quick.empty());
}

TEST_CASE("tools' dot folders do not change the tree; package folders do", "[resolver]") {
  Tree tree;
  TreeSignature recorded = sign_tree(tree.node_modules);
  fs::create_directories(tree.node_modules / ".vite" / "deps");
  CHECK(match_tree(tree.node_modules, recorded).match == TreeMatch::kFull);

  SECTION("a package folder removed") {
    fs::remove_all(tree.node_modules / "a");
    CHECK(match_tree(tree.node_modules, recorded).match == TreeMatch::kChanged);
  }
  SECTION("a scoped package folder made anew, node_modules' own time unchanged") {
    fs::remove_all(tree.node_modules / "@scope/c");
    fs::create_directories(tree.node_modules / "@scope/c");
    age(tree.node_modules);
    CHECK(match_tree(tree.node_modules, recorded).match == TreeMatch::kChanged);
  }
  SECTION(".bin removed") {
    fs::remove_all(tree.node_modules / ".bin");
    CHECK(match_tree(tree.node_modules, recorded).match == TreeMatch::kChanged);
  }
}

TEST_CASE("an install records the quick signature when its tree is older than its state file", "[resolver]") {
  Tree tree;
  fs::create_directories(tree.node_modules / ".lode");  // made by the install's journal, earlier
  fs::create_directories(tree.node_modules / "d");      // node_modules' time is now
  // The record comes a few clock ticks after the last change to the tree.
  std::this_thread::sleep_for(std::chrono::milliseconds(50));
  InstallState state;
  state.inputs = "hash";
  REQUIRE(write_install_state(tree.node_modules, state));
  std::optional<InstallInputs> recorded = read_install_inputs(tree.node_modules);
  REQUIRE(recorded);
  CHECK(recorded->tree.quick == sign_tree(tree.node_modules).quick);
  CHECK(match_tree(tree.node_modules, recorded->tree).match == TreeMatch::kQuick);
  // A package folder added later changes node_modules' time: the quick path does not hold.
  fs::create_directories(tree.node_modules / "e");
  CHECK_FALSE(tree_unchanged(tree.node_modules, *recorded));
}
