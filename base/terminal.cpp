#include "base/terminal.h"

#include <sys/ioctl.h>
#include <unistd.h>

#include <charconv>

namespace lode {

namespace {

// Colour for one stream: NO_COLOR (non-empty, per no-color.org) and --color=never turn it
// off; --color=always and FORCE_COLOR (other than "0"/"false") turn it on; otherwise only
// on a terminal whose TERM is not "dumb".
bool decide_color(bool is_tty, const Environment& env, ColorMode mode) {
  if (mode == ColorMode::kNever) return false;
  if (mode == ColorMode::kAlways) return true;
  if (!env.get_or("NO_COLOR", "").empty()) return false;
  if (auto force = env.get("FORCE_COLOR")) return *force != "0" && *force != "false";
  return is_tty && env.get_or("TERM", "") != "dumb";
}

std::string_view ansi_code(Style style) {
  switch (style) {
    case Style::kBold: return "1";
    case Style::kDim: return "2";
    case Style::kRed: return "31";
    case Style::kGreen: return "32";
    case Style::kYellow: return "33";
    case Style::kBlue: return "34";
    case Style::kMagenta: return "35";
    case Style::kCyan: return "36";
  }
  return "0";
}

}  // namespace

std::optional<ColorMode> parse_color_mode(std::string_view text) {
  if (text.empty() || text == "auto") return ColorMode::kAuto;
  if (text == "always" || text == "true") return ColorMode::kAlways;
  if (text == "never" || text == "false") return ColorMode::kNever;
  return std::nullopt;
}

Terminal Terminal::detect(const Environment& env, ColorMode mode) {
  Streams streams;
  streams.out_is_tty = ::isatty(STDOUT_FILENO) == 1;
  streams.err_is_tty = ::isatty(STDERR_FILENO) == 1;
  winsize size{};
  if ((streams.err_is_tty && ::ioctl(STDERR_FILENO, TIOCGWINSZ, &size) == 0 && size.ws_col > 0) ||
      (streams.out_is_tty && ::ioctl(STDOUT_FILENO, TIOCGWINSZ, &size) == 0 && size.ws_col > 0)) {
    streams.columns = size.ws_col;
  } else if (auto columns = env.get("COLUMNS")) {
    int parsed = 0;
    auto [end, ec] = std::from_chars(columns->data(), columns->data() + columns->size(), parsed);
    if (ec == std::errc() && parsed > 0) streams.columns = parsed;
  }
  return Terminal(streams, env, mode);
}

Terminal::Terminal(const Streams& streams, const Environment& env, ColorMode mode)
    : streams_(streams),
      color_out_(decide_color(streams.out_is_tty, env, mode)),
      color_err_(decide_color(streams.err_is_tty, env, mode)) {}

std::string Terminal::paint(Stream stream, Style style, std::string_view text) const {
  if (!color(stream)) return std::string(text);
  std::string out = "\x1b[";
  out += ansi_code(style);
  out += 'm';
  out += text;
  out += "\x1b[0m";
  return out;
}

void Terminal::write(Stream stream, std::string_view text) const {
  std::fwrite(text.data(), 1, text.size(), file(stream));
}

}  // namespace lode
