#include <catch2/catch.hpp>
#include <cstdio>

#include "base/log.h"
#include "base/progress.h"
#include "base/terminal.h"

using namespace lode;

namespace {

// A terminal writing into memory, as if its streams were (or were not) terminals.
struct MemoryTerminal {
  char* out_data = nullptr;
  size_t out_size = 0;
  char* err_data = nullptr;
  size_t err_size = 0;
  std::FILE* out = open_memstream(&out_data, &out_size);
  std::FILE* err = open_memstream(&err_data, &err_size);
  Terminal terminal;

  MemoryTerminal(bool tty, const Environment& env, ColorMode mode = ColorMode::kAuto)
      : terminal({out, err, tty, tty, 40}, env, mode) {}
  ~MemoryTerminal() {
    std::fclose(out);
    std::fclose(err);
    std::free(out_data);
    std::free(err_data);
  }
  std::string err_text() {
    std::fflush(err);
    return std::string(err_data, err_size);
  }
};

}  // namespace

TEST_CASE("colour follows the terminal, NO_COLOR, FORCE_COLOR and --color", "[base]") {
  Environment plain;
  CHECK(MemoryTerminal(true, plain).terminal.color(Stream::kErr));
  CHECK_FALSE(MemoryTerminal(false, plain).terminal.color(Stream::kErr));
  CHECK_FALSE(MemoryTerminal(true, Environment::from_entries({"NO_COLOR=1"})).terminal.color(Stream::kOut));
  CHECK(MemoryTerminal(false, Environment::from_entries({"FORCE_COLOR=1"})).terminal.color(Stream::kOut));
  CHECK_FALSE(MemoryTerminal(true, Environment::from_entries({"TERM=dumb"})).terminal.color(Stream::kOut));
  CHECK(MemoryTerminal(false, plain, ColorMode::kAlways).terminal.color(Stream::kOut));
  CHECK_FALSE(MemoryTerminal(true, plain, ColorMode::kNever).terminal.color(Stream::kOut));
  CHECK(MemoryTerminal(true, plain).terminal.paint(Stream::kOut, Style::kRed, "x") == "\x1b[31mx\x1b[0m");
  CHECK(MemoryTerminal(false, plain).terminal.paint(Stream::kOut, Style::kRed, "x") == "x");
  CHECK(parse_color_mode("always") == ColorMode::kAlways);
  CHECK_FALSE(parse_color_mode("sometimes").has_value());
}

TEST_CASE("Logger prints errors with their subject and hint, filtered by level", "[base]") {
  MemoryTerminal memory(false, Environment{});
  Logger logger(memory.terminal, LogLevel::kWarn);
  logger.error(Error{ErrorCode::kParse, "unexpected token", "/p/package.json:3:5", "fix the JSON"});
  logger.warn("careful");
  logger.info("not shown at warn level");
  CHECK(memory.err_text() ==
        "lode: error: unexpected token (/p/package.json:3:5)\n"
        "lode: hint: fix the JSON\n"
        "lode: warn: careful\n");
  CHECK(parse_log_level("verbose") == LogLevel::kVerbose);
  CHECK_FALSE(parse_log_level("loud").has_value());
}

TEST_CASE("Progress draws only on a terminal and clears its line", "[base]") {
  {
    MemoryTerminal piped(false, Environment{});
    Progress progress(piped.terminal, LogLevel::kNotice, "resolving");
    progress.set_total(3);
    progress.advance();
    CHECK_FALSE(progress.active());
    CHECK(piped.err_text().empty());
  }
  MemoryTerminal tty(true, Environment{});
  {
    Progress progress(tty.terminal, LogLevel::kNotice, "resolving");
    progress.set_total(10);
    progress.advance(4);
    progress.set_detail("react@18.3.1");
    CHECK(progress.render_line().find("resolving 4/10 react@18.3.1") != std::string::npos);
  }
  std::string drawn = tty.err_text();
  CHECK(drawn.find("resolving 0/10") != std::string::npos);  // the first draw
  CHECK(drawn.ends_with("\r\x1b[2K"));                        // cleared on destruction
  MemoryTerminal quiet(true, Environment{});
  Progress silent(quiet.terminal, LogLevel::kSilent, "x");
  CHECK_FALSE(silent.active());
}
