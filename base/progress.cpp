#include "base/progress.h"

#include <array>

namespace lode {

namespace {

constexpr std::array<std::string_view, 10> kSpinner = {"⠋", "⠙", "⠹", "⠸", "⠼",
                                                       "⠴", "⠦", "⠧", "⠇", "⠏"};
constexpr auto kRedrawInterval = std::chrono::milliseconds(80);

// Cuts UTF-8 text to at most `columns` code points (the spinner and labels are one column
// each; package names are ASCII).
std::string fit(std::string_view text, size_t columns) {
  std::string out;
  size_t width = 0;
  for (size_t i = 0; i < text.size(); ++i) {
    unsigned char c = static_cast<unsigned char>(text[i]);
    if ((c & 0xC0) != 0x80) {
      if (width == columns) break;
      ++width;
    }
    out += text[i];
  }
  return out;
}

}  // namespace

Progress::Progress(const Terminal& terminal, LogLevel level, std::string label)
    : terminal_(terminal),
      active_(terminal.is_tty(Stream::kErr) && level >= LogLevel::kNotice),
      label_(std::move(label)) {}

Progress::~Progress() { clear(); }

void Progress::set_label(std::string label) {
  label_ = std::move(label);
  maybe_draw();
}

void Progress::set_total(size_t total) {
  total_ = total;
  maybe_draw();
}

void Progress::advance(size_t count) {
  done_ += count;
  maybe_draw();
}

void Progress::set_detail(std::string_view detail) {
  if (!active_) return;
  detail_ = detail;
  maybe_draw();
}

std::string Progress::render_line() const {
  std::string line(kSpinner[frame_ % kSpinner.size()]);
  line += ' ';
  line += label_;
  if (total_ > 0 || done_ > 0) {
    line += ' ';
    line += std::to_string(done_);
    if (total_ > 0) line += "/" + std::to_string(total_);
  }
  if (!detail_.empty()) {
    line += ' ';
    line += detail_;
  }
  return line;
}

void Progress::maybe_draw() {
  if (!active_) return;
  Clock::time_point now = Clock::now();
  if (drawn_ && now - last_draw_ < kRedrawInterval) return;
  last_draw_ = now;
  ++frame_;
  size_t columns = static_cast<size_t>(std::max(terminal_.columns() - 1, 10));
  // \r and "erase line" redraw in place without scrolling.
  terminal_.err("\r\x1b[2K" + fit(render_line(), columns));
  std::fflush(terminal_.file(Stream::kErr));
  drawn_ = true;
}

void Progress::clear() {
  if (!drawn_) return;
  terminal_.err("\r\x1b[2K");
  std::fflush(terminal_.file(Stream::kErr));
  drawn_ = false;
}

}  // namespace lode
