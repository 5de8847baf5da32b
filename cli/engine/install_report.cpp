#include "cli/engine/install_report.h"

#include "base/strings.h"

namespace lode::cli {

Result<int> install_and_report(CommandContext& context, const Config& config, const InstallOptions& options,
                               std::chrono::steady_clock::time_point started) {
  Result<InstallReport> report = install_project(config, context.logger(), context.terminal(), options);
  if (!report) return std::unexpected(report.error());
  return report_install(context, *report, started);
}

void report_up_to_date(CommandContext& context, std::chrono::steady_clock::time_point started) {
  if (context.logger().level() == LogLevel::kSilent) return;
  auto elapsed = std::chrono::duration_cast<std::chrono::microseconds>(std::chrono::steady_clock::now() - started);
  context.terminal().out("up to date in " + format_duration(elapsed) + "\n");
}

Result<int> report_install(CommandContext& context, const InstallReport& installed,
                           std::chrono::steady_clock::time_point started) {
  const InstallReport* report = &installed;
  const Logger& logger = context.logger();
  if (report->up_to_date) {
    report_up_to_date(context, started);
    return 0;
  }
  // --silent (npm's loglevel silent) prints nothing, the summary included.
  bool summarise = logger.level() != LogLevel::kSilent;
  for (const std::string& note : report->notes) logger.info(note);
  if (report->skipped_for_platform > 0 && !logger.enabled(LogLevel::kInfo)) {
    logger.notice(plural(static_cast<size_t>(report->skipped_for_platform), "optional package", "optional packages") +
                  " for other platforms skipped (--loglevel info lists them)");
  }
  for (const std::string& warning : report->warnings) logger.warn(warning);
  std::vector<std::string> parts;
  if (report->added) parts.push_back("added " + plural(static_cast<size_t>(report->added), "package", "packages"));
  if (report->removed) parts.push_back("removed " + plural(static_cast<size_t>(report->removed), "package", "packages"));
  if (report->changed) parts.push_back("changed " + plural(static_cast<size_t>(report->changed), "package", "packages"));
  std::string summary = parts.empty() ? "no changes" : join(parts, ", ");
  if (summarise) context.terminal().out(summary + " in " + format_duration(std::chrono::duration_cast<std::chrono::microseconds>(std::chrono::steady_clock::now() - started)) + " (" +
                         plural(static_cast<size_t>(report->installed), "package", "packages") + " installed)\n");
  if (!report->scripts_blocked.empty()) {
    logger.notice(plural(report->scripts_blocked.size(), "dependency has", "dependencies have") +
                  " install scripts that were not run: " + join(report->scripts_blocked, ", ") +
                  "\nlode runs only the scripts of dependencies you trust: `lode trust <name>`, or list them in "
                  "\"trustedDependencies\" in package.json.");
  }
  return 0;
}

}  // namespace lode::cli
