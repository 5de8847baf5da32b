#include "runtime/cjs_lexer.h"

#include <algorithm>
#include <cctype>
#include <map>
#include <set>

namespace lode::runtime {

namespace {

enum class TokenType { kIdentifier, kString, kNumber, kPunctuator, kTemplate, kRegex };

struct Token {
  TokenType type;
  std::string text;  // identifier or punctuator; a string's value
};

bool is_identifier_start(unsigned char c) { return std::isalpha(c) || c == '_' || c == '$' || c >= 0x80; }
bool is_identifier_part(unsigned char c) { return std::isalnum(c) || c == '_' || c == '$' || c >= 0x80; }

class Lexer {
 public:
  explicit Lexer(std::string_view source) : s_(source) {}

  std::vector<Token> run() {
    // A #! line is a comment.
    if (s_.starts_with("#!")) skip_line();
    while (skip_space_and_comments(), i_ < s_.size()) {
      unsigned char c = static_cast<unsigned char>(s_[i_]);
      if (c == '"' || c == '\'') {
        tokens_.push_back({TokenType::kString, read_string(static_cast<char>(c))});
      } else if (c == '`') {
        skip_template();
        tokens_.push_back({TokenType::kTemplate, ""});
      } else if (is_identifier_start(c)) {
        size_t start = i_;
        while (i_ < s_.size() && is_identifier_part(static_cast<unsigned char>(s_[i_]))) ++i_;
        tokens_.push_back({TokenType::kIdentifier, std::string(s_.substr(start, i_ - start))});
      } else if (std::isdigit(c) || (c == '.' && i_ + 1 < s_.size() && std::isdigit(static_cast<unsigned char>(s_[i_ + 1])))) {
        size_t start = i_;
        while (i_ < s_.size() && (std::isalnum(static_cast<unsigned char>(s_[i_])) || s_[i_] == '.' || s_[i_] == '_')) ++i_;
        tokens_.push_back({TokenType::kNumber, std::string(s_.substr(start, i_ - start))});
      } else if (c == '/' && regex_allowed()) {
        skip_regex();
        tokens_.push_back({TokenType::kRegex, ""});
      } else {
        read_punctuator();
      }
    }
    return std::move(tokens_);
  }

 private:
  void skip_line() {
    while (i_ < s_.size() && s_[i_] != '\n') ++i_;
  }

  void skip_space_and_comments() {
    while (i_ < s_.size()) {
      char c = s_[i_];
      if (c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f' || c == '\v') {
        ++i_;
      } else if (c == '/' && i_ + 1 < s_.size() && s_[i_ + 1] == '/') {
        skip_line();
      } else if (c == '/' && i_ + 1 < s_.size() && s_[i_ + 1] == '*') {
        size_t end = s_.find("*/", i_ + 2);
        i_ = end == std::string_view::npos ? s_.size() : end + 2;
      } else {
        return;
      }
    }
  }

  std::string read_string(char quote) {
    std::string value;
    ++i_;
    while (i_ < s_.size() && s_[i_] != quote) {
      if (s_[i_] == '\\' && i_ + 1 < s_.size()) {
        value += s_[i_ + 1];
        i_ += 2;
        continue;
      }
      if (s_[i_] == '\n') break;  // unterminated
      value += s_[i_++];
    }
    ++i_;
    return value;
  }

  // Skips a template literal, including the expressions in ${...} (which may hold
  // strings, templates and braces of their own).
  void skip_template() {
    ++i_;
    while (i_ < s_.size()) {
      char c = s_[i_];
      if (c == '\\') {
        i_ += 2;
      } else if (c == '`') {
        ++i_;
        return;
      } else if (c == '$' && i_ + 1 < s_.size() && s_[i_ + 1] == '{') {
        i_ += 2;
        int depth = 1;
        while (i_ < s_.size() && depth > 0) {
          char d = s_[i_];
          if (d == '{') {
            ++depth;
            ++i_;
          } else if (d == '}') {
            --depth;
            ++i_;
          } else if (d == '"' || d == '\'') {
            read_string(d);
          } else if (d == '`') {
            skip_template();
          } else if (d == '/' && i_ + 1 < s_.size() && (s_[i_ + 1] == '/' || s_[i_ + 1] == '*')) {
            skip_space_and_comments();
          } else {
            ++i_;
          }
        }
      } else {
        ++i_;
      }
    }
  }

  bool regex_allowed() const {
    if (tokens_.empty()) return true;
    const Token& last = tokens_.back();
    switch (last.type) {
      case TokenType::kString:
      case TokenType::kNumber:
      case TokenType::kTemplate:
      case TokenType::kRegex:
        return false;
      case TokenType::kIdentifier: {
        static const std::set<std::string, std::less<>> kKeywords = {
            "return", "typeof", "instanceof", "in", "of", "new", "delete", "void", "throw",
            "case", "do", "else", "yield", "await"};
        return kKeywords.contains(last.text);
      }
      case TokenType::kPunctuator:
        return last.text != ")" && last.text != "]";
    }
    return true;
  }

  void skip_regex() {
    ++i_;
    bool in_class = false;
    while (i_ < s_.size()) {
      char c = s_[i_];
      if (c == '\\') {
        i_ += 2;
        continue;
      }
      if (c == '\n') return;
      if (c == '[') in_class = true;
      else if (c == ']') in_class = false;
      else if (c == '/' && !in_class) {
        ++i_;
        while (i_ < s_.size() && is_identifier_part(static_cast<unsigned char>(s_[i_]))) ++i_;
        return;
      }
      ++i_;
    }
  }

  void read_punctuator() {
    static constexpr std::string_view kLong[] = {">>>=", "...", "===", "!==", "**=", "<<=", ">>=", ">>>", "&&=", "||=",
                                                 "?\?=", "=>", "==", "!=", "<=", ">=", "&&", "||", "??", "?.", "++",
                                                 "--", "+=", "-=", "*=", "/=", "%=", "&=", "|=", "^=", "<<", ">>", "**"};
    for (std::string_view p : kLong) {
      if (s_.substr(i_, p.size()) == p) {
        tokens_.push_back({TokenType::kPunctuator, std::string(p)});
        i_ += p.size();
        return;
      }
    }
    tokens_.push_back({TokenType::kPunctuator, std::string(1, s_[i_])});
    ++i_;
  }

  std::string_view s_;
  size_t i_ = 0;
  std::vector<Token> tokens_;
};

class Matcher {
 public:
  explicit Matcher(const std::vector<Token>& tokens) : t_(tokens) {}

  CjsExports run() {
    for (size_t i = 0; i < t_.size(); ++i) {
      match_require_assignment(i);
      match_exports_member(i);
      match_define_property(i);
      match_module_exports_assignment(i);
      match_export_star(i);
      match_keys_for_each(i);
    }
    return std::move(out_);
  }

 private:
  bool is(size_t i, std::string_view text) const { return i < t_.size() && t_[i].type != TokenType::kString && t_[i].text == text; }
  bool is_ident(size_t i) const { return i < t_.size() && t_[i].type == TokenType::kIdentifier; }
  bool is_string(size_t i) const { return i < t_.size() && t_[i].type == TokenType::kString; }
  bool is_assignment(size_t i) const { return is(i, "="); }

  void add_name(const std::string& name) {
    if (std::find(out_.names.begin(), out_.names.end(), name) == out_.names.end()) out_.names.push_back(name);
  }
  void add_reexport(const std::string& specifier) {
    if (std::find(out_.reexports.begin(), out_.reexports.end(), specifier) == out_.reexports.end()) {
      out_.reexports.push_back(specifier);
    }
  }

  // `require ( "x" )` at i: the specifier, and i moved past the ')'.
  bool require_call(size_t& i, std::string& specifier) const {
    if (is(i, "require") && is(i + 1, "(") && is_string(i + 2) && is(i + 3, ")")) {
      specifier = t_[i + 2].text;
      i += 4;
      return true;
    }
    return false;
  }

  // `exports` (or `module.exports`) at i, not a member of something else.
  bool exports_object(size_t i, size_t* after) const {
    if (is(i, "module") && is(i + 1, ".") && is(i + 2, "exports") && !is(i - 1, ".")) {
      *after = i + 3;
      return true;
    }
    if (is(i, "exports") && (i == 0 || !is(i - 1, "."))) {
      *after = i + 1;
      return true;
    }
    return false;
  }

  // exports.x = / exports['x'] = / module.exports.x =
  void match_exports_member(size_t i) {
    size_t j;
    if (!exports_object(i, &j)) return;
    if (is(j, ".") && is_ident(j + 1) && is_assignment(j + 2)) add_name(t_[j + 1].text);
    if (is(j, "[") && is_string(j + 1) && is(j + 2, "]") && is_assignment(j + 3)) add_name(t_[j + 1].text);
  }

  // Object.defineProperty(exports, 'x', { value: ... }) or with a getter that only
  // returns an identifier or member expression (`get: function () { return m.x; }`,
  // `get() { return x }`): Node's lexer takes no other getters, which may run code.
  void match_define_property(size_t i) {
    if (!(is(i, "Object") && is(i + 1, ".") && is(i + 2, "defineProperty") && is(i + 3, "("))) return;
    size_t j;
    if (!exports_object(i + 4, &j)) return;
    if (!(is(j, ",") && is_string(j + 1) && is(j + 2, ",") && is(j + 3, "{"))) return;
    const std::string& name = t_[j + 1].text;
    size_t k = j + 4;
    if (is(k, "value") && is(k + 1, ":")) {
      add_name(name);
      return;
    }
    if (is(k, "enumerable") && is(k + 1, ":") && is(k + 2, "true") && is(k + 3, ",")) k += 4;
    if (is(k, "get") && is(k + 1, ":") && is(k + 2, "function")) {
      k += 3;
      if (is_ident(k)) ++k;  // a named function expression
    } else if (is(k, "get")) {
      ++k;
    } else {
      return;
    }
    if (!(is(k, "(") && is(k + 1, ")") && is(k + 2, "{") && is(k + 3, "return") && is_ident(k + 4))) return;
    k += 5;
    while (is(k, ".") && is_ident(k + 1)) k += 2;
    if (is(k, ";")) ++k;
    if (is(k, "}")) add_name(name);
  }

  // module.exports = require('x') / module.exports = { ... }
  void match_module_exports_assignment(size_t i) {
    if (!(is(i, "module") && is(i + 1, ".") && is(i + 2, "exports") && is_assignment(i + 3)) || is(i - 1, ".")) return;
    size_t j = i + 4;
    std::string specifier;
    if (require_call(j, specifier)) {
      add_reexport(specifier);
      return;
    }
    if (!is(j, "{")) return;
    ++j;
    // As Node's lexer: shorthand names, `key: identifier` pairs and spreads of require()
    // calls; anything else (a literal value, a method, a spread of a variable) ends the
    // scan, keeping the names found so far.
    while (j < t_.size() && !is(j, "}")) {
      if (is(j, "...")) {
        size_t k = j + 1;
        if (!require_call(k, specifier)) return;
        add_reexport(specifier);
        j = k;
      } else if (is_ident(j) && (is(j + 1, ",") || is(j + 1, "}"))) {
        add_name(t_[j].text);
        ++j;
      } else if ((is_ident(j) || is_string(j)) && is(j + 1, ":") && is_ident(j + 2)) {
        size_t k = j + 3;
        while (is(k, ".") && is_ident(k + 1)) k += 2;
        if (!is(k, ",") && !is(k, "}")) return;
        add_name(t_[j].text);
        j = k;
      } else {
        return;
      }
      if (is(j, ",")) ++j;
    }
  }

  // __exportStar(require('x'), exports) / __export(require('x')) / tslib forms.
  void match_export_star(size_t i) {
    if (!is(i, "__exportStar") && !is(i, "__export")) return;
    for (size_t j = i + 1; j < i + 5 && j < t_.size(); ++j) {
      std::string specifier;
      size_t k = j;
      if (require_call(k, specifier)) {
        add_reexport(specifier);
        return;
      }
    }
  }

  // var _x = require('x') (also through an interop wrapper call), remembered for the
  // Babel re-export loop below.
  void match_require_assignment(size_t i) {
    if (!is_ident(i) || !is_assignment(i + 1)) return;
    size_t j = i + 2;
    std::string specifier;
    if (is_ident(j) && is(j + 1, "(") && !is(j, "require")) j += 2;  // _interopRequireWildcard(
    if (require_call(j, specifier)) required_[t_[i].text] = specifier;
  }

  // Object.keys(_x).forEach(function (key) { ... exports[key] = _x[key] ... })
  void match_keys_for_each(size_t i) {
    if (!(is(i, "Object") && is(i + 1, ".") && is(i + 2, "keys") && is(i + 3, "(") && is_ident(i + 4) && is(i + 5, ")") &&
          is(i + 6, ".") && is(i + 7, "forEach"))) {
      return;
    }
    auto it = required_.find(t_[i + 4].text);
    if (it == required_.end()) return;
    // The loop body must assign into exports (or define properties on it).
    for (size_t j = i + 8; j < t_.size() && j < i + 120; ++j) {
      if (is(j, "exports") && (is(j + 1, "[") || is(j + 1, ","))) {
        add_reexport(it->second);
        return;
      }
    }
  }

  const std::vector<Token>& t_;
  CjsExports out_;
  std::map<std::string, std::string> required_;
};

}  // namespace

CjsExports analyze_cjs_exports(std::string_view source) {
  std::vector<Token> tokens = Lexer(source).run();
  CjsExports result = Matcher(tokens).run();
  // "default" is never a named export: it is module.exports itself.
  std::erase(result.names, "default");
  return result;
}

}  // namespace lode::runtime
