#include "base/log.h"

#include <array>
#include <string>

namespace lode {

namespace {

constexpr std::array<std::string_view, 8> kLevelNames = {
    "silent", "error", "warn", "notice", "http", "info", "verbose", "silly"};

}  // namespace

std::optional<LogLevel> parse_log_level(std::string_view text) {
  for (size_t i = 0; i < kLevelNames.size(); ++i) {
    if (kLevelNames[i] == text) return static_cast<LogLevel>(i);
  }
  return std::nullopt;
}

std::string_view log_level_name(LogLevel level) {
  return kLevelNames[static_cast<size_t>(level)];
}

void Logger::emit(LogLevel level, std::string_view message) const {
  if (!enabled(level)) return;
  std::string line = "lode: ";
  switch (level) {
    case LogLevel::kError: line += terminal_.paint(Stream::kErr, Style::kRed, "error"); break;
    case LogLevel::kWarn: line += terminal_.paint(Stream::kErr, Style::kYellow, "warn"); break;
    case LogLevel::kHttp: line += terminal_.paint(Stream::kErr, Style::kDim, "http"); break;
    case LogLevel::kInfo: line += terminal_.paint(Stream::kErr, Style::kCyan, "info"); break;
    case LogLevel::kVerbose:
    case LogLevel::kSilly: line += terminal_.paint(Stream::kErr, Style::kDim, "verbose"); break;
    case LogLevel::kNotice:
    case LogLevel::kSilent: line.clear(); break;
  }
  if (!line.empty()) line += ": ";
  line += message;
  line += '\n';
  terminal_.err(line);
}

void Logger::error(const Error& error) const {
  emit(LogLevel::kError, describe(error));
  if (!error.hint.empty() && enabled(LogLevel::kError)) {
    terminal_.err("lode: " + terminal_.paint(Stream::kErr, Style::kBold, "hint") + ": " +
                  error.hint + "\n");
  }
}

void Logger::error(std::string_view message) const { emit(LogLevel::kError, message); }
void Logger::warn(std::string_view message) const { emit(LogLevel::kWarn, message); }
void Logger::notice(std::string_view message) const { emit(LogLevel::kNotice, message); }
void Logger::http(std::string_view message) const { emit(LogLevel::kHttp, message); }
void Logger::info(std::string_view message) const { emit(LogLevel::kInfo, message); }
void Logger::verbose(std::string_view message) const { emit(LogLevel::kVerbose, message); }

}  // namespace lode
