#include "cli/context.h"

#include "build_info.h"
#include "resolver/workspaces.h"

namespace lode::cli {

namespace {

// Colour and verbosity can come from the environment before any npmrc is read.
ColorMode initial_color_mode(const ContextOptions& options) {
  if (options.color_mode) return *options.color_mode;
  return ColorMode::kAuto;
}

LogLevel initial_log_level(const ContextOptions& options) {
  return options.log_level.value_or(LogLevel::kNotice);
}

}  // namespace

std::string_view built_in_default_registry() { return LODE_DEFAULT_REGISTRY; }

CommandContext::CommandContext(ContextOptions options)
    : options_(std::move(options)),
      terminal_(Terminal::detect(options_.env, initial_color_mode(options_))),
      logger_(terminal_, initial_log_level(options_)) {}

Result<const Config*> CommandContext::config() {
  if (config_) return &*config_;
  ConfigLoadOptions load;
  load.cwd = options_.cwd;
  load.env = &options_.env;
  load.cli = options_.config_flags;
  load.default_registry = std::string(built_in_default_registry());
  load.project_of = [](const fs::path& folder) { return workspace_root(folder); };
  Result<Config> loaded = Config::load(load);
  if (!loaded) return std::unexpected(loaded.error());
  config_ = std::move(*loaded);

  if (!options_.color_mode) {
    if (auto mode = parse_color_mode(config_->get("color").value_or(""))) {
      terminal_ = Terminal::detect(options_.env, *mode);
    }
  }
  if (!options_.log_level) {
    if (auto level = parse_log_level(config_->get("loglevel").value_or(""))) {
      logger_.set_level(*level);
    }
  }
  for (const std::string& warning : config_->warnings()) logger_.verbose(warning);
  return &*config_;
}

}  // namespace lode::cli
