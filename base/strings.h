// Small string utilities every layer uses: splitting, trimming, case, quoting, and the
// "did you mean" suggestions for unknown commands, flags, scripts and keys.
#pragma once

#include <chrono>
#include <functional>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

namespace lode {

// Leading and trailing ASCII whitespace removed; never allocates.
std::string_view trim(std::string_view text);

// Pieces of `text` between occurrences of `separator`; empty pieces are kept.
std::vector<std::string_view> split(std::string_view text, char separator);

std::string join(std::span<const std::string> parts, std::string_view separator);

std::string to_lower(std::string_view text);

// The edit distance between a and b: inserts, deletes, substitutions and swaps of two
// adjacent characters, each costing 1.
size_t edit_distance(std::string_view a, std::string_view b);

// The candidate closest to `input` by edit distance, if it is close enough to be a
// plausible typo (distance at most a third of the longer name, and at least 1 allowed),
// or a candidate that starts with `input`. nullopt when nothing is close.
std::optional<std::string> closest_match(std::string_view input,
                                         std::span<const std::string> candidates);

// Every candidate within typo distance of `input`, closest first (for listing several).
std::vector<std::string> close_matches(std::string_view input,
                                       std::span<const std::string> candidates, size_t limit);

// `text` quoted for a POSIX shell so that `sh -c` sees it as one literal word.
std::string shell_quote(std::string_view text);

// "842ms" below a second, "1.23s" above.
std::string format_duration(std::chrono::microseconds duration);

// "1 package", "2 packages".
std::string plural(size_t count, std::string_view singular, std::string_view plural_form);

// The hash of unordered containers keyed by std::string and looked up by std::string_view
// (with std::equal_to<>): a lookup makes no string.
struct TextHash {
  using is_transparent = void;
  size_t operator()(std::string_view text) const { return std::hash<std::string_view>{}(text); }
};

}  // namespace lode
