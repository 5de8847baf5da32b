#include "cli/help.h"

#include <algorithm>
#include <vector>

#include "build_info.h"

namespace lode::cli {

namespace {

std::string option_label(const OptionSpec& spec) {
  std::string label = spec.short_name ? std::string("-") + spec.short_name + ", " : "    ";
  label += "--";
  label += spec.name;
  if (!spec.value_name.empty()) {
    label += ' ';
    label += spec.value_name;
  }
  return label;
}

void append_options(std::string& out, std::span<const OptionSpec> options) {
  size_t width = 0;
  for (const OptionSpec& spec : options) width = std::max(width, option_label(spec).size());
  for (const OptionSpec& spec : options) {
    std::string label = option_label(spec);
    out += "  " + label + std::string(width - label.size() + 2, ' ') + std::string(spec.help) + "\n";
  }
}

}  // namespace

std::string general_help() {
  std::string out = "lode " LODE_VERSION ": JavaScript package manager and runtime\n\n";
  out += "Usage:\n";
  out += "  lode <command> [options] [args]\n";
  out += "  lode -e <code> [args]     run JavaScript code\n";
  out += "  lode -p <code> [args]     run JavaScript code and print its result\n\n";
  out += "Commands:\n";
  size_t width = 0;
  for (const CommandSpec* command : command_table()) width = std::max(width, command->name.size());
  for (const CommandSpec* command : command_table()) {
    out += "  " + std::string(command->name) + std::string(width - command->name.size() + 3, ' ') +
           std::string(command->summary) + "\n";
  }
  out += "\nOptions:\n";
  std::vector<OptionSpec> options(front_options().begin(), front_options().end());
  options.insert(options.end(), global_options().begin(), global_options().end());
  append_options(out, options);
  out += "\nConfiguration keys work as flags on every command (--registry <url>, --cache <dir>,\n"
         "--no-strict-ssl, --@scope:registry=<url>); `lode config list` shows their values.\n"
         "Run `lode help <command>` for a command's own options.\n";
  return out;
}

std::string command_help(const CommandSpec& command) {
  std::string out = "Usage: lode " + std::string(command.usage) + "\n";
  if (!command.aliases.empty()) {
    out += "Aliases:";
    for (std::string_view alias : command.aliases) out += " " + std::string(alias);
    out += "\n";
  }
  out += "\n" + std::string(command.description) + "\n";
  if (!command.options.empty()) {
    out += "\nOptions:\n";
    append_options(out, command.options);
  }
  if (command.positional_mode == PositionalMode::kVerbatim) {
    // Such a command reads its arguments itself; of lode's own options only --help works.
    out += "  -h, --help  show this help\n";
    return out;
  }
  out += "\nGlobal options:\n";
  append_options(out, global_options());
  return out;
}

std::string version_text() {
  return "lode " LODE_VERSION " (V8 " LODE_V8_VERSION ")\n";
}

}  // namespace lode::cli
