// Where lode's output goes and how it looks: the two output streams, whether each is a
// terminal, whether colour is on (only on a terminal, never with NO_COLOR, always with
// FORCE_COLOR or --color=always), and the terminal's width.
#pragma once

#include <cstdio>
#include <string>
#include <string_view>

#include "base/environment.h"

namespace lode {

enum class ColorMode { kAuto, kAlways, kNever };
enum class Stream { kOut, kErr };
enum class Style { kBold, kDim, kRed, kGreen, kYellow, kBlue, kMagenta, kCyan };

// Parses the `color` config value: "auto"/"" → kAuto, "always"/"true" → kAlways,
// "never"/"false" → kNever; nullopt for anything else.
std::optional<ColorMode> parse_color_mode(std::string_view text);

class Terminal {
 public:
  struct Streams {
    std::FILE* out = stdout;
    std::FILE* err = stderr;
    bool out_is_tty = false;
    bool err_is_tty = false;
    int columns = 80;
  };

  // Inspects the process's real stdout/stderr and the environment.
  static Terminal detect(const Environment& env, ColorMode mode);
  // Explicit streams (tests, or output redirected by a caller).
  Terminal(const Streams& streams, const Environment& env, ColorMode mode);

  bool is_tty(Stream stream) const { return stream == Stream::kOut ? streams_.out_is_tty : streams_.err_is_tty; }
  bool color(Stream stream) const { return stream == Stream::kOut ? color_out_ : color_err_; }
  int columns() const { return streams_.columns; }
  std::FILE* file(Stream stream) const { return stream == Stream::kOut ? streams_.out : streams_.err; }

  // `text` wrapped in the ANSI codes for `style` when colour is on for `stream`.
  std::string paint(Stream stream, Style style, std::string_view text) const;

  void write(Stream stream, std::string_view text) const;
  void out(std::string_view text) const { write(Stream::kOut, text); }
  void err(std::string_view text) const { write(Stream::kErr, text); }

 private:
  Streams streams_;
  bool color_out_ = false;
  bool color_err_ = false;
};

}  // namespace lode
