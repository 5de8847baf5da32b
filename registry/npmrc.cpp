#include "registry/npmrc.h"

#include <algorithm>
#include <map>

#include "base/strings.h"

namespace lode {

namespace {

bool is_quoted(std::string_view text) {
  return text.size() >= 2 && ((text.front() == '"' && text.back() == '"') ||
                              (text.front() == '\'' && text.back() == '\''));
}

// Decodes a double-quoted JSON string body; returns the text unchanged (minus quotes) when
// it is not valid JSON, as npm's ini reader does.
std::string unquote_json(std::string_view quoted) {
  std::string_view body = quoted.substr(1, quoted.size() - 2);
  std::string out;
  for (size_t i = 0; i < body.size(); ++i) {
    char c = body[i];
    if (c != '\\') {
      if (c == '"') return std::string(body);  // unescaped quote inside: not JSON
      out += c;
      continue;
    }
    if (++i == body.size()) return std::string(body);
    switch (body[i]) {
      case '"': out += '"'; break;
      case '\\': out += '\\'; break;
      case '/': out += '/'; break;
      case 'b': out += '\b'; break;
      case 'f': out += '\f'; break;
      case 'n': out += '\n'; break;
      case 'r': out += '\r'; break;
      case 't': out += '\t'; break;
      case 'u': {
        unsigned code = 0;
        for (size_t k = 1; k <= 4; ++k) {
          if (i + k >= body.size()) return std::string(body);
          char h = body[i + k];
          code <<= 4;
          if (h >= '0' && h <= '9') code |= static_cast<unsigned>(h - '0');
          else if (h >= 'a' && h <= 'f') code |= static_cast<unsigned>(h - 'a' + 10);
          else if (h >= 'A' && h <= 'F') code |= static_cast<unsigned>(h - 'A' + 10);
          else return std::string(body);
        }
        i += 4;
        // UTF-8 encode (surrogate pairs are not worth supporting in config values).
        if (code < 0x80) {
          out += static_cast<char>(code);
        } else if (code < 0x800) {
          out += static_cast<char>(0xC0 | (code >> 6));
          out += static_cast<char>(0x80 | (code & 0x3F));
        } else {
          out += static_cast<char>(0xE0 | (code >> 12));
          out += static_cast<char>(0x80 | ((code >> 6) & 0x3F));
          out += static_cast<char>(0x80 | (code & 0x3F));
        }
        break;
      }
      default: return std::string(body);
    }
  }
  return out;
}

// npm's ini value reading: quoted values are taken whole; otherwise the value ends at the
// first ';' or '#' that is not escaped with a backslash.
std::string read_ini_value(std::string_view raw) {
  std::string_view text = trim(raw);
  if (is_quoted(text)) {
    if (text.front() == '\'') return std::string(text.substr(1, text.size() - 2));
    return unquote_json(text);
  }
  std::string out;
  bool escaped = false;
  for (char c : text) {
    if (escaped) {
      if (c != '\\' && c != ';' && c != '#') out += '\\';
      out += c;
      escaped = false;
    } else if (c == ';' || c == '#') {
      break;
    } else if (c == '\\') {
      escaped = true;
    } else {
      out += c;
    }
  }
  if (escaped) out += '\\';
  return std::string(trim(out));
}

struct ParsedLine {
  enum class Kind { kBlank, kSection, kEntry } kind = Kind::kBlank;
  std::string key;  // section name or raw key (before env expansion)
  std::string value;
};

ParsedLine parse_line(std::string_view raw_line) {
  std::string_view line = trim(raw_line);
  if (line.empty() || line.front() == ';' || line.front() == '#') return {};
  if (line.front() == '[' && line.back() == ']') {
    return {ParsedLine::Kind::kSection, std::string(trim(line.substr(1, line.size() - 2))), {}};
  }
  size_t eq = line.find('=');
  if (eq == std::string_view::npos) return {ParsedLine::Kind::kEntry, read_ini_value(line), "true"};
  return {ParsedLine::Kind::kEntry, read_ini_value(line.substr(0, eq)),
          read_ini_value(line.substr(eq + 1))};
}

std::vector<std::string_view> lines_of(std::string_view text) {
  std::vector<std::string_view> lines = split(text, '\n');
  for (std::string_view& line : lines) {
    if (!line.empty() && line.back() == '\r') line.remove_suffix(1);
  }
  return lines;
}

bool needs_quotes(std::string_view value) {
  return value.empty() || value != trim(value) ||
         value.find_first_of(";#\"'\\\n") != std::string_view::npos;
}

std::string quote_json(std::string_view value) {
  std::string out = "\"";
  for (char c : value) {
    switch (c) {
      case '"': out += "\\\""; break;
      case '\\': out += "\\\\"; break;
      case '\n': out += "\\n"; break;
      case '\r': out += "\\r"; break;
      case '\t': out += "\\t"; break;
      default: out += c;
    }
  }
  out += '"';
  return out;
}

}  // namespace

std::string expand_env_references(std::string_view text, const Environment& env,
                                  std::vector<std::string>* unset) {
  std::string out;
  size_t i = 0;
  while (i < text.size()) {
    size_t dollar = text.find("${", i);
    if (dollar == std::string_view::npos) break;
    size_t close = text.find('}', dollar + 2);
    if (close == std::string_view::npos) break;
    // Backslashes before ${ escape it in pairs, as npm counts them.
    size_t backslashes = 0;
    while (dollar - backslashes > i && text[dollar - backslashes - 1] == '\\') ++backslashes;
    out.append(text.substr(i, dollar - backslashes - i));
    out.append(backslashes / 2, '\\');
    std::string_view name = text.substr(dollar + 2, close - dollar - 2);
    bool optional = !name.empty() && name.back() == '?';
    if (optional) name.remove_suffix(1);
    bool well_formed = !name.empty() && name.find_first_of("${}?") == std::string_view::npos;
    if (backslashes % 2 == 1 || !well_formed) {
      out.append(text.substr(dollar, close + 1 - dollar));
    } else if (auto value = env.get(name)) {
      out.append(*value);
    } else if (!optional) {
      out.append(text.substr(dollar, close + 1 - dollar));
      if (unset) unset->emplace_back(name);
    }
    i = close + 1;
  }
  out.append(text.substr(std::min(i, text.size())));
  return out;
}

NpmrcParseResult parse_npmrc(std::string_view text, std::string_view origin, const Environment& env) {
  NpmrcParseResult result;
  std::map<std::string, size_t> index;  // key → position in entries
  std::string section;
  std::vector<std::string_view> lines = lines_of(text);
  for (size_t n = 0; n < lines.size(); ++n) {
    ParsedLine line = parse_line(lines[n]);
    int line_number = static_cast<int>(n + 1);
    if (line.kind == ParsedLine::Kind::kBlank) continue;
    if (line.kind == ParsedLine::Kind::kSection) {
      section = line.key;
      continue;
    }
    std::vector<std::string> unset;
    std::string key = expand_env_references(line.key, env, &unset);
    std::string value = expand_env_references(line.value, env, &unset);
    for (const std::string& name : unset) {
      result.warnings.push_back(std::string(origin) + ":" + std::to_string(line_number) + ": ${" +
                                name + "} is not set in the environment");
    }
    if (key.empty()) {
      result.warnings.push_back(std::string(origin) + ":" + std::to_string(line_number) +
                                ": line has no key, ignored");
      continue;
    }
    if (!section.empty()) key = section + "." + key;
    bool append = key.size() > 2 && key.ends_with("[]");
    if (append) key.resize(key.size() - 2);
    auto found = index.find(key);
    if (found == index.end()) {
      index.emplace(key, result.entries.size());
      result.entries.push_back({key, value, line_number});
    } else if (append) {
      NpmrcEntry& entry = result.entries[found->second];
      entry.value += "\n" + value;
    } else {
      result.entries[found->second] = {key, value, line_number};
    }
  }
  return result;
}

std::string npmrc_with_key_set(std::string_view text, std::string_view key, std::string_view value) {
  std::string new_line = std::string(key) + "=" + (needs_quotes(value) ? quote_json(value) : std::string(value));
  std::string out;
  bool replaced = false;
  std::vector<std::string_view> lines = lines_of(text);
  if (!lines.empty() && lines.back().empty()) lines.pop_back();
  for (std::string_view line : lines) {
    ParsedLine parsed = parse_line(line);
    if (parsed.kind == ParsedLine::Kind::kEntry && parsed.key == key) {
      if (!replaced) out += new_line + "\n";
      replaced = true;
      continue;
    }
    out.append(line);
    out += '\n';
  }
  if (!replaced) out += new_line + "\n";
  return out;
}

std::string npmrc_with_key_deleted(std::string_view text, std::string_view key) {
  std::string out;
  std::vector<std::string_view> lines = lines_of(text);
  if (!lines.empty() && lines.back().empty()) lines.pop_back();
  for (std::string_view line : lines) {
    ParsedLine parsed = parse_line(line);
    if (parsed.kind == ParsedLine::Kind::kEntry && parsed.key == key) continue;
    out.append(line);
    out += '\n';
  }
  return out;
}

}  // namespace lode
