// Diagnostics on stderr with npm's log levels. Errors print as
//   lode: error: <what went wrong> (<file/URL, detail>)
//   lode: hint: <what to do>
// Command results (what a user pipes) go to stdout through Terminal, not through here.
#pragma once

#include <optional>
#include <string_view>

#include "base/error.h"
#include "base/terminal.h"

namespace lode {

// npm's levels, most severe first; a message prints when its level <= the logger's level.
enum class LogLevel { kSilent, kError, kWarn, kNotice, kHttp, kInfo, kVerbose, kSilly };

// "silent", "error", ... "silly" → LogLevel; nullopt for anything else.
std::optional<LogLevel> parse_log_level(std::string_view text);
std::string_view log_level_name(LogLevel level);

class Logger {
 public:
  Logger(const Terminal& terminal, LogLevel level) : terminal_(terminal), level_(level) {}

  LogLevel level() const { return level_; }
  void set_level(LogLevel level) { level_ = level; }
  bool enabled(LogLevel level) const { return level != LogLevel::kSilent && level <= level_; }

  // The error line, and the hint line when the error has one.
  void error(const Error& error) const;
  void error(std::string_view message) const;
  void warn(std::string_view message) const;
  void notice(std::string_view message) const;
  void http(std::string_view message) const;
  void info(std::string_view message) const;
  void verbose(std::string_view message) const;

 private:
  void emit(LogLevel level, std::string_view message) const;

  const Terminal& terminal_;
  LogLevel level_;
};

}  // namespace lode
