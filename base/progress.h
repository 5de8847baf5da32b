// A one-line progress display on stderr ("⠋ resolving 120/340 express@4.19.2"), redrawn in
// place at most every 80 ms. It draws only when stderr is a terminal and the log level is
// notice or more verbose; otherwise every call is a cheap no-op, so callers never check.
#pragma once

#include <chrono>
#include <string>
#include <string_view>

#include "base/log.h"
#include "base/terminal.h"

namespace lode {

class Progress {
 public:
  using Clock = std::chrono::steady_clock;

  Progress(const Terminal& terminal, LogLevel level, std::string label);
  Progress(const Progress&) = delete;
  Progress& operator=(const Progress&) = delete;
  ~Progress();  // clears the line

  bool active() const { return active_; }

  void set_label(std::string label);
  void set_total(size_t total);
  void advance(size_t count = 1);
  void set_detail(std::string_view detail);
  // Clears the line so ordinary output can follow; later calls draw again.
  void clear();

  // The text that would be drawn now (without cursor codes), for tests.
  std::string render_line() const;

 private:
  void maybe_draw();

  const Terminal& terminal_;
  bool active_;
  std::string label_;
  std::string detail_;
  size_t done_ = 0;
  size_t total_ = 0;
  size_t frame_ = 0;
  bool drawn_ = false;
  Clock::time_point last_draw_{};
};

}  // namespace lode
