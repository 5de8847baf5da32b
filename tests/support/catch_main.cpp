// The one Catch2 main every test executable links (compiled once, not per test file).
#include <signal.h>

#define CATCH_CONFIG_RUNNER
#include <catch2/catch.hpp>

int main(int argc, char** argv) {
  // As in lode itself: writing to a closed pipe must fail, not kill the test run.
  ::signal(SIGPIPE, SIG_IGN);
  return Catch::Session().run(argc, argv);
}
