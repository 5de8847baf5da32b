// The lean `lode` executable has no engine handlers: run_in_engine execs lode-engine.
#include "cli/engine_launcher.h"

namespace lode::cli {

CommandRun engine_handler(std::string_view) { return nullptr; }

}  // namespace lode::cli
