// What every command gets: the environment, working directory, terminal, logger, the
// global flags, and the configuration (loaded on first use, so commands that need none,
// like --version and help, never read an npmrc).
#pragma once

#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "base/environment.h"
#include "base/error.h"
#include "base/fs.h"
#include "base/log.h"
#include "base/terminal.h"
#include "registry/config.h"

namespace lode::cli {

struct ContextOptions {
  std::string command;                 // the command being run ("install")
  std::vector<std::string> raw_args;   // lode's arguments as given (for a restart, engine_launcher.h)
  Environment env;
  fs::path cwd;
  // lode's own executable (for finding lode-runtime.so, for npm_execpath, for a restart).
  fs::path self_exe;
  bool json = false;
  // --verbose / --silent / --loglevel, when given: they beat any npmrc.
  std::optional<LogLevel> log_level;
  std::optional<ColorMode> color_mode;
  std::vector<std::pair<std::string, std::string>> config_flags;
};

class CommandContext {
 public:
  explicit CommandContext(ContextOptions options);
  CommandContext(const CommandContext&) = delete;
  CommandContext& operator=(const CommandContext&) = delete;

  const std::string& command() const { return options_.command; }
  const std::vector<std::string>& raw_args() const { return options_.raw_args; }
  const Environment& env() const { return options_.env; }
  const fs::path& cwd() const { return options_.cwd; }
  const fs::path& self_exe() const { return options_.self_exe; }
  bool json() const { return options_.json; }
  const Terminal& terminal() const { return terminal_; }
  const Logger& logger() const { return logger_; }

  // The configuration, read on first call. Applies the npmrc's loglevel and color unless
  // the command line set them.
  Result<const Config*> config();

 private:
  ContextOptions options_;
  Terminal terminal_;
  Logger logger_;
  std::optional<Config> config_;
};

// The value compiled in as the default registry ("" when the build found none).
std::string_view built_in_default_registry();

}  // namespace lode::cli
