#include "resolver/semver_desugar.h"

#include <optional>

#include "resolver/semver_syntax.h"

namespace lode::semver {

namespace {

using syntax::is_digit;
using syntax::is_ident_char;
using syntax::is_x;
using syntax::js_plus_one;
using syntax::space_at;

// JavaScript's `text.split(/\s+/)`: leading or trailing whitespace yields an empty word.
std::vector<std::string_view> split_spaces(std::string_view text) {
  std::vector<std::string_view> words;
  size_t start = 0;
  size_t pos = 0;
  while (pos < text.size()) {
    size_t width = space_at(text, pos);
    if (width == 0) {
      ++pos;
      continue;
    }
    words.push_back(text.substr(start, pos - start));
    while (width != 0) {
      pos += width;
      width = space_at(text, pos);
    }
    start = pos;
  }
  words.push_back(text.substr(start));
  return words;
}

template <class Words>
std::string join_words(const Words& words) {
  std::string out;
  for (size_t i = 0; i < words.size(); ++i) {
    if (i > 0) out += ' ';
    out += words[i];
  }
  return out;
}

// Every `+build.meta` run goes (node-semver's unbounded BUILD regex, global).
std::string strip_build(std::string_view text) {
  std::string out;
  out.reserve(text.size());
  size_t pos = 0;
  while (pos < text.size()) {
    if (text[pos] != '+' || pos + 1 >= text.size() || !is_ident_char(text[pos + 1])) {
      out += text[pos++];
      continue;
    }
    size_t end = pos + 1;
    while (end < text.size() && is_ident_char(text[end])) ++end;
    while (end + 1 < text.size() && text[end] == '.' && is_ident_char(text[end + 1])) {
      ++end;
      while (end < text.size() && is_ident_char(text[end])) ++end;
    }
    pos = end;
  }
  return out;
}

bool is_prefix_char(char c) { return c == 'v' || c == '=' || c == ' '; }

using syntax::VersionScanner;

// `1.2 - 3.4` => `>=1.2.0 <3.5.0-0`, when the whole part is one hyphen range. The two
// sides are x-ranges with their [v=\s]* prefix; their bodies hold no spaces, so the
// separator is the first " - " after the first body.
std::optional<std::string> hyphen_replace(std::string_view text, SemverOptions options) {
  size_t pos = text.starts_with(' ') ? 1 : 0;
  size_t from_start = pos;
  while (pos < text.size() && is_prefix_char(text[pos])) ++pos;
  size_t from_end = text.find(' ', pos);
  if (from_end == std::string_view::npos || text.substr(from_end, 3) != " - ") return std::nullopt;
  pos = from_end + 3;
  size_t to_start = pos;
  while (pos < text.size() && is_prefix_char(text[pos])) ++pos;
  size_t to_end = std::min(text.find(' ', pos), text.size());
  if (to_end + 1 < text.size()) return std::nullopt;  // at most one trailing space
  auto from = syntax::match_xrange(text.substr(from_start, from_end - from_start), options.loose);
  auto to = syntax::match_xrange(text.substr(to_start, to_end - to_start), options.loose);
  if (!from || !to) return std::nullopt;

  std::string zero = options.include_prerelease ? "-0" : "";
  std::string low;
  if (is_x(from->major)) {
  } else if (is_x(from->minor)) {
    low = ">=" + std::string(from->major) + ".0.0" + zero;
  } else if (is_x(from->patch)) {
    low = ">=" + std::string(from->major) + "." + std::string(from->minor) + ".0" + zero;
  } else if (!from->prerelease.empty()) {
    low = ">=" + std::string(from->whole);
  } else {
    low = ">=" + std::string(from->whole) + zero;
  }
  std::string high;
  std::string major(to->major);
  std::string minor(to->minor);
  if (is_x(to->major)) {
  } else if (is_x(to->minor)) {
    high = "<" + js_plus_one(major) + ".0.0-0";
  } else if (is_x(to->patch)) {
    high = "<" + major + "." + js_plus_one(minor) + ".0-0";
  } else if (!to->prerelease.empty()) {
    high = "<=" + major + "." + minor + "." + std::string(to->patch) + "-" + std::string(to->prerelease);
  } else if (options.include_prerelease) {
    high = "<" + major + "." + minor + "." + js_plus_one(to->patch) + "-0";
  } else {
    high = "<=" + std::string(to->whole);
  }
  return std::string(syntax::js_trim(low + " " + high));
}

std::string glue_operators(std::string_view text) {
  VersionScanner scan{text};
  std::string out;
  size_t copied = 0;
  size_t cursor = 0;
  while (cursor < text.size()) {
    size_t match_start = cursor;
    char c = text[cursor];
    if (c == '<' || c == '>') {
      ++cursor;
    } else if (!is_prefix_char(c) && !scan.starts_version(cursor)) {
      ++cursor;
      continue;
    }
    while (cursor < text.size() && is_prefix_char(text[cursor])) ++cursor;
    if (!scan.starts_version(cursor)) continue;
    size_t space = match_start;
    if (scan.at(space) == ' ') ++space;
    if (scan.at(space) == '<' || scan.at(space) == '>') ++space;
    if (scan.at(space) == '=') ++space;
    if (scan.at(space) == ' ') {
      out.append(text.substr(copied, space - copied));
      copied = space + 1;
    }
    cursor = scan.version_end(cursor);
  }
  out.append(text.substr(copied));
  return out;
}

// `(\s?)~>?\s` => `$1~` and `(\s?)\^\s` => `$1^`: "~ 1" and "~> 1" become "~1".
std::string glue_sigil(std::string_view text, char sigil) {
  std::string out;
  out.reserve(text.size());
  size_t pos = 0;
  while (pos < text.size()) {
    bool lead = text[pos] == ' ' && pos + 1 < text.size() && text[pos + 1] == sigil;
    size_t at = pos + (lead ? 1 : 0);
    if (text[at] == sigil) {
      size_t next = at + 1;
      size_t end = 0;
      if (sigil == '~' && next + 1 < text.size() && text[next] == '>' && text[next + 1] == ' ') {
        end = next + 2;
      } else if (next < text.size() && text[next] == ' ') {
        end = next + 1;
      }
      if (end != 0) {
        if (lead) out += ' ';
        out += sigil;
        pos = end;
        continue;
      }
    }
    out += text[pos++];
  }
  return out;
}

std::string replace_tilde(std::string_view word, SemverOptions options) {
  if (!word.starts_with('~')) return std::string(word);
  size_t start = word.starts_with("~>") ? 2 : 1;
  auto parts = syntax::match_xrange(word.substr(start), options.loose);
  if (!parts) return std::string(word);
  std::string zero = options.include_prerelease ? "-0" : "";
  std::string major(parts->major);
  std::string minor(parts->minor);
  std::string patch(parts->patch);
  if (is_x(major)) return "";
  if (is_x(minor)) return ">=" + major + ".0.0" + zero + " <" + js_plus_one(major) + ".0.0-0";
  std::string upper = " <" + major + "." + js_plus_one(minor) + ".0-0";
  if (is_x(patch)) return ">=" + major + "." + minor + ".0" + zero + upper;
  std::string pre = parts->prerelease.empty() ? "" : "-" + std::string(parts->prerelease);
  return ">=" + major + "." + minor + "." + patch + pre + upper;
}

std::string replace_caret(std::string_view word, SemverOptions options) {
  if (!word.starts_with('^')) return std::string(word);
  auto parts = syntax::match_xrange(word.substr(1), options.loose);
  if (!parts) return std::string(word);
  std::string zero = options.include_prerelease ? "-0" : "";
  std::string major(parts->major);
  std::string minor(parts->minor);
  std::string patch(parts->patch);
  if (is_x(major)) return "";
  if (is_x(minor)) return ">=" + major + ".0.0" + zero + " <" + js_plus_one(major) + ".0.0-0";
  // node-semver compares the captured text with '0', so "00" counts as non-zero.
  if (is_x(patch)) {
    std::string low = ">=" + major + "." + minor + ".0" + zero;
    if (major == "0") return low + " <" + major + "." + js_plus_one(minor) + ".0-0";
    return low + " <" + js_plus_one(major) + ".0.0-0";
  }
  std::string low = ">=" + major + "." + minor + "." + patch +
                    (parts->prerelease.empty() ? "" : "-" + std::string(parts->prerelease));
  if (major != "0") return low + " <" + js_plus_one(major) + ".0.0-0";
  if (minor != "0") return low + " <" + major + "." + js_plus_one(minor) + ".0-0";
  return low + " <" + major + "." + minor + "." + js_plus_one(patch) + "-0";
}

std::string replace_xrange(std::string_view word, SemverOptions options) {
  word = syntax::js_trim(word);
  size_t op_end = syntax::leading_operator(word);
  size_t start = op_end + space_at(word, op_end);
  auto parts = syntax::match_xrange(word.substr(start), options.loose);
  if (!parts) return std::string(word);
  std::string gtlt(word.substr(0, op_end));
  std::string major(parts->major);
  std::string minor(parts->minor);
  std::string patch(parts->patch);
  if ((is_x(major) && !is_x(minor)) || (is_x(minor) && !patch.empty() && !is_x(patch))) {
    return std::string(word);
  }
  bool x_major = is_x(major);
  bool x_minor = x_major || is_x(minor);
  bool any_x = x_minor || is_x(patch);
  if (gtlt == "=" && any_x) gtlt.clear();
  std::string pre = options.include_prerelease ? "-0" : "";
  if (x_major) return (gtlt == ">" || gtlt == "<") ? "<0.0.0-0" : "*";
  if (!gtlt.empty() && any_x) {
    if (x_minor) minor = "0";
    patch = "0";
    if (gtlt == ">") {
      gtlt = ">=";
      if (x_minor) {
        major = js_plus_one(major);
      } else {
        minor = js_plus_one(minor);
      }
    } else if (gtlt == "<=") {
      gtlt = "<";
      if (x_minor) {
        major = js_plus_one(major);
      } else {
        minor = js_plus_one(minor);
      }
    }
    if (gtlt == "<") pre = "-0";
    return gtlt + major + "." + minor + "." + patch + pre;
  }
  if (x_minor) return ">=" + major + ".0.0" + pre + " <" + js_plus_one(major) + ".0.0-0";
  if (any_x) return ">=" + major + "." + minor + ".0" + pre + " <" + major + "." + js_plus_one(minor) + ".0-0";
  return std::string(word);
}

// The first `(<|>)?=?\s?\*` goes: "*" and ">=*" vanish, and so does the star of "1.2.3*".
std::string replace_stars(std::string_view text) {
  text = syntax::js_trim(text);
  size_t star = text.find('*');
  if (star == std::string_view::npos) return std::string(text);
  size_t start = star;
  for (size_t back = std::min<size_t>(star, 3); back > 0; --back) {
    std::string_view lead = text.substr(star - back, back);
    size_t pos = 0;
    if (pos < lead.size() && (lead[pos] == '<' || lead[pos] == '>')) ++pos;
    if (pos < lead.size() && lead[pos] == '=') ++pos;
    pos += space_at(lead, pos);
    if (pos == lead.size()) {
      start = star - back;
      break;
    }
  }
  return std::string(text.substr(0, start)) + std::string(text.substr(star + 1));
}

template <class Replace>
std::string map_words(std::string_view text, Replace replace) {
  std::vector<std::string> out;
  for (std::string_view word : split_spaces(text)) out.push_back(replace(word));
  return join_words(out);
}

}  // namespace

std::vector<std::string> desugar_part(std::string_view part, SemverOptions options) {
  std::string text = strip_build(part);
  if (auto hyphen = hyphen_replace(text, options)) text = std::move(*hyphen);
  text = glue_operators(text);
  text = glue_sigil(text, '~');
  text = glue_sigil(text, '^');

  std::vector<std::string> pieces;
  size_t start = 0;
  while (true) {
    size_t space = text.find(' ', start);
    std::string_view piece = std::string_view(text).substr(start, space == std::string::npos ? space : space - start);
    std::string carets = map_words(syntax::js_trim(piece), [&](std::string_view w) { return replace_caret(w, options); });
    std::string tildes = map_words(syntax::js_trim(carets), [&](std::string_view w) { return replace_tilde(w, options); });
    std::string xranges = map_words(tildes, [&](std::string_view w) { return replace_xrange(w, options); });
    pieces.push_back(replace_stars(xranges));
    if (space == std::string::npos) break;
    start = space + 1;
  }
  std::string joined = join_words(pieces);
  std::string_view any_version = options.include_prerelease ? ">=0.0.0-0" : ">=0.0.0";
  std::vector<std::string> words;
  for (std::string_view word : split_spaces(joined)) {
    word = syntax::js_trim(word);
    words.emplace_back(word == any_version ? std::string_view() : word);
  }
  return words;
}

}  // namespace lode::semver
