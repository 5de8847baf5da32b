// The handlers of the commands whose specs name run_in_engine.
#include <utility>

#include "cli/engine/handlers.h"
#include "cli/engine_launcher.h"

namespace lode::cli {

CommandRun engine_handler(std::string_view command) {
  static constexpr std::pair<std::string_view, CommandRun> kHandlers[] = {
      {"add", run_add_command},         {"cache", run_cache_command},   {"ci", run_ci_command},
      {"install", run_install_command}, {"outdated", run_outdated_command}, {"remove", run_remove_command}, {"trust", run_trust_command},
      {"update", run_update_command},   {"x", run_x_command},
  };
  for (const auto& [name, handler] : kHandlers) {
    if (name == command) return handler;
  }
  return nullptr;
}

}  // namespace lode::cli
