#include "base/strings.h"

#include <algorithm>
#include <cctype>
#include <cstdio>

namespace lode {

namespace {

bool is_space(char c) { return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f' || c == '\v'; }

// A name within this distance of the input is a plausible typo of it.
size_t typo_threshold(std::string_view input, std::string_view candidate) {
  return std::max<size_t>(1, std::max(input.size(), candidate.size()) / 3);
}

}  // namespace

std::string_view trim(std::string_view text) {
  while (!text.empty() && is_space(text.front())) text.remove_prefix(1);
  while (!text.empty() && is_space(text.back())) text.remove_suffix(1);
  return text;
}

std::vector<std::string_view> split(std::string_view text, char separator) {
  std::vector<std::string_view> pieces;
  size_t start = 0;
  while (true) {
    size_t end = text.find(separator, start);
    if (end == std::string_view::npos) {
      pieces.push_back(text.substr(start));
      return pieces;
    }
    pieces.push_back(text.substr(start, end - start));
    start = end + 1;
  }
}

std::string join(std::span<const std::string> parts, std::string_view separator) {
  std::string out;
  for (size_t i = 0; i < parts.size(); ++i) {
    if (i) out += separator;
    out += parts[i];
  }
  return out;
}

std::string to_lower(std::string_view text) {
  std::string out(text);
  for (char& c : out) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return out;
}

size_t edit_distance(std::string_view a, std::string_view b) {
  // Optimal string alignment: Levenshtein plus adjacent transpositions, the commonest
  // typo ("isntall"). Three rolling rows: two back is needed for transpositions.
  std::vector<size_t> before(b.size() + 1), previous(b.size() + 1), current(b.size() + 1);
  for (size_t j = 0; j <= b.size(); ++j) previous[j] = j;
  for (size_t i = 1; i <= a.size(); ++i) {
    current[0] = i;
    for (size_t j = 1; j <= b.size(); ++j) {
      size_t cost = a[i - 1] == b[j - 1] ? 0 : 1;
      current[j] = std::min({previous[j] + 1, current[j - 1] + 1, previous[j - 1] + cost});
      if (i > 1 && j > 1 && a[i - 1] == b[j - 2] && a[i - 2] == b[j - 1]) {
        current[j] = std::min(current[j], before[j - 2] + 1);
      }
    }
    std::swap(before, previous);
    std::swap(previous, current);
  }
  return previous[b.size()];
}

std::vector<std::string> close_matches(std::string_view input,
                                       std::span<const std::string> candidates, size_t limit) {
  std::vector<std::pair<size_t, std::string>> scored;
  for (const std::string& candidate : candidates) {
    size_t distance = edit_distance(input, candidate);
    bool is_prefix = input.size() >= 2 && candidate.starts_with(input);
    if (distance <= typo_threshold(input, candidate) || is_prefix) {
      scored.emplace_back(is_prefix ? 0 : distance, candidate);
    }
  }
  std::stable_sort(scored.begin(), scored.end(),
                   [](const auto& x, const auto& y) { return x.first < y.first; });
  std::vector<std::string> out;
  for (auto& [distance, name] : scored) {
    if (out.size() == limit) break;
    if (std::find(out.begin(), out.end(), name) == out.end()) out.push_back(std::move(name));
  }
  return out;
}

std::optional<std::string> closest_match(std::string_view input,
                                         std::span<const std::string> candidates) {
  std::vector<std::string> matches = close_matches(input, candidates, 1);
  if (matches.empty()) return std::nullopt;
  return matches.front();
}

std::string shell_quote(std::string_view text) {
  bool plain = !text.empty() && std::all_of(text.begin(), text.end(), [](char c) {
    return std::isalnum(static_cast<unsigned char>(c)) || std::string_view("-_./=:,+@%").find(c) !=
                                                              std::string_view::npos;
  });
  if (plain) return std::string(text);
  std::string out = "'";
  for (char c : text) {
    if (c == '\'') {
      out += "'\\''";
    } else {
      out += c;
    }
  }
  out += '\'';
  return out;
}

std::string format_duration(std::chrono::microseconds duration) {
  char text[32];
  if (duration.count() < 1'000'000) {
    std::snprintf(text, sizeof text, "%.0fms", static_cast<double>(duration.count()) / 1000.0);
  } else {
    std::snprintf(text, sizeof text, "%.2fs", static_cast<double>(duration.count()) / 1e6);
  }
  return text;
}

std::string plural(size_t count, std::string_view singular, std::string_view plural_form) {
  return std::to_string(count) + " " + std::string(count == 1 ? singular : plural_form);
}

}  // namespace lode
