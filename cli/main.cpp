// The lode executable: hands the command line and a snapshot of the environment to
// run_cli. It links no V8 (lode-runtime.so is loaded only to run JavaScript), nor any
// library that only some commands need (see meson.build).
#include <signal.h>
#include <unistd.h>

#include <cstdio>
#include <filesystem>
#include <string>
#include <system_error>
#include <vector>

#include "base/environment.h"
#include "cli/app.h"

int main(int argc, char** argv) {
  // A closed pipe (`lode config list | head`) must be an error value on write, not death;
  // child-process and socket code relies on this too.
  ::signal(SIGPIPE, SIG_IGN);
  std::vector<std::string> args(argv + 1, argv + argc);
  std::error_code ec;
  std::filesystem::path self = std::filesystem::read_symlink("/proc/self/exe", ec);
  if (ec) self = argv[0];
  int code = lode::cli::run_cli(args, lode::Environment::from_process(), self, argc > 0 ? argv[0] : "");
  // The command has closed what it wrote and joined its threads. What exit() would still
  // run is the loaded libraries' handlers and destructors: OpenSSL freeing its tables,
  // thirty libraries' finalisers after libcurl (~3 ms at the end of an install). Output
  // still buffered in stdio is the only thing they could lose.
  std::fflush(nullptr);
  ::_exit(code);
}
