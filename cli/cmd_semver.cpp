// lode semver: node-semver's command-line tool, mirrored so that scripts written for
// `semver` work with `lode semver` and the two can be compared on the same input.
//
// Arguments are read the way node-semver's bin/semver.js reads them (it has its own
// parser, so this command takes them verbatim): `--name=value` is split for every
// argument, `-i` takes the next argument as its level only when it is one, an option
// missing its value gets none, and anything else is a version. Output and exit status
// match: the satisfying versions in their clean form, sorted ascending, one per line;
// exit 1 (printing nothing) when none is left.
#include <algorithm>
#include <deque>
#include <optional>
#include <string>
#include <vector>

#include "cli/commands.h"
#include "cli/help.h"
#include "resolver/semver_edit.h"
#include "resolver/semver_range.h"

namespace lode::cli {

namespace {

using namespace lode::semver;

constexpr OptionSpec kOptions[] = {
    {"range", 'r', OptionKind::kValue, "<range>", "print only versions that satisfy <range> (repeatable: all must hold)"},
    {"increment", 'i', OptionKind::kValue, "[<level>]",
     "print the one version incremented: major, minor, patch (default), premajor, preminor, prepatch, "
     "prerelease or release"},
    {"preid", 0, OptionKind::kValue, "<identifier>", "prerelease identifier for pre* increments (beta: 1.2.4-beta.0)"},
    {"identifier-base", 'n', OptionKind::kValue, "<0|1|false>",
     "number a new prerelease identifier starts at; false for none"},
    {"loose", 'l', OptionKind::kFlag, "", "read versions and ranges loosely (v1.2.3, =1.2.3, 1.2.3beta)"},
    {"include-prerelease", 'p', OptionKind::kFlag, "", "let prerelease versions satisfy ranges"},
    {"coerce", 'c', OptionKind::kFlag, "", "coerce each argument into a version (v2 => 2.0.0; not --loose)"},
    {"rtl", 0, OptionKind::kFlag, "", "coerce from the right (1.2.3.4 => 2.3.4)"},
    {"ltr", 0, OptionKind::kFlag, "", "coerce from the left (the default)"},
    {"reverse", 0, OptionKind::kFlag, "", "print in descending order (also -rv, -rev, --rev)"},
    {"version", 'v', OptionKind::kValue, "<version>", "a version to consider, as if given as an argument"},
};

// node-semver's RELEASE_TYPES, plus "release", which its CLI also accepts after -i.
constexpr std::string_view kLevels[] = {"major",    "premajor",   "minor",  "preminor",
                                        "patch",    "prepatch",   "prerelease", "release"};

struct Request {
  std::vector<std::string> versions;
  std::vector<std::optional<std::string>> ranges;  // nullopt: -r given without a value
  bool increment = false;
  std::string level = "patch";
  std::string increment_option;                 // as typed, for the warning
  std::optional<std::string> maybe_errant_level;  // what followed -i when it was no level
  std::optional<std::string> identifier;
  std::optional<std::string> identifier_base;
  bool loose = false;
  bool include_prerelease = false;
  bool coerce = false;
  bool rtl = false;
  bool reverse = false;
};

Request read_arguments(const std::vector<std::string>& args) {
  Request request;
  std::deque<std::string> queue(args.begin(), args.end());
  auto take = [&]() -> std::optional<std::string> {
    if (queue.empty()) return std::nullopt;
    std::string value = std::move(queue.front());
    queue.pop_front();
    return value;
  };
  while (!queue.empty()) {
    std::string arg = *take();
    // Like bin/semver.js: any "a=b" is read as "a" followed by "b".
    if (size_t eq = arg.find('='); eq != std::string::npos) {
      queue.push_front(arg.substr(eq + 1));
      arg.resize(eq);
    }
    if (arg == "-rv" || arg == "-rev" || arg == "--rev" || arg == "--reverse") {
      request.reverse = true;
    } else if (arg == "-l" || arg == "--loose") {
      request.loose = true;
    } else if (arg == "-p" || arg == "--include-prerelease") {
      request.include_prerelease = true;
    } else if (arg == "-v" || arg == "--version") {
      if (auto value = take()) request.versions.push_back(std::move(*value));
    } else if (arg == "-i" || arg == "--inc" || arg == "--increment") {
      request.increment = true;
      request.increment_option = arg;
      bool is_level = !queue.empty() && std::find(std::begin(kLevels), std::end(kLevels), queue.front()) != std::end(kLevels);
      if (is_level) {
        request.level = *take();
        request.maybe_errant_level.reset();
      } else {
        request.level = "patch";
        request.maybe_errant_level = queue.empty() ? std::nullopt : std::optional(queue.front());
      }
    } else if (arg == "--preid") {
      request.identifier = take();
    } else if (arg == "-r" || arg == "--range") {
      request.ranges.push_back(take());
    } else if (arg == "-n" || arg == "--identifier-base") {
      request.identifier_base = take();
    } else if (arg == "-c" || arg == "--coerce") {
      request.coerce = true;
    } else if (arg == "--rtl") {
      request.rtl = true;
    } else if (arg == "--ltr") {
      request.rtl = false;
    } else {
      request.versions.push_back(std::move(arg));
    }
  }
  return request;
}

Result<int> run_semver(CommandContext& context, const ParsedArgs& args) {
  if (args.positionals.empty()) {
    context.terminal().out(command_help(kSemverCommand));
    return 0;
  }
  Request request = read_arguments(args.positionals);
  SemverOptions options{request.loose, request.include_prerelease};
  auto is_valid = [&](const std::string& text) { return Version::parse(text, options).has_value(); };

  if (request.increment && request.maybe_errant_level &&
      std::find(request.versions.begin(), request.versions.end(), *request.maybe_errant_level) !=
          request.versions.end() &&
      !is_valid(*request.maybe_errant_level)) {
    context.terminal().err("Invalid value for " + request.increment_option +
                           "; defaulting to 'patch'. This may become a failure in future major versions.\n");
  }

  std::vector<std::pair<std::string, Version>> kept;
  for (std::string& text : request.versions) {
    if (request.coerce) {
      Result<Version> coerced = semver::coerce(text, CoerceOptions{request.loose, request.include_prerelease, request.rtl});
      if (coerced) text = coerced->to_string();
    }
    if (Result<Version> version = Version::parse(text, options)) kept.emplace_back(text, std::move(*version));
  }
  if (kept.empty()) return 1;
  if (request.increment && (kept.size() != 1 || !request.ranges.empty())) {
    context.terminal().err("--inc can only be used on a single version with no range\n");
    return 1;
  }
  for (const std::optional<std::string>& range_text : request.ranges) {
    Result<Range> range = range_text ? Range::parse(*range_text, options) : Result<Range>(std::unexpected(Error{}));
    std::erase_if(kept, [&](const auto& entry) { return !range || !range->test(entry.second); });
    if (kept.empty()) return 1;
  }
  // Array.prototype.sort is stable: versions that compare equal keep their order.
  std::stable_sort(kept.begin(), kept.end(), [&](const auto& a, const auto& b) {
    return request.reverse ? compare(b.second, a.second) < 0 : compare(a.second, b.second) < 0;
  });

  IncOptions inc_options;
  inc_options.semver = options;
  inc_options.identifier = request.identifier.value_or("");
  if (request.identifier_base) {
    inc_options.base = *request.identifier_base == "false"   ? IdentifierBase::kNone
                       : js_number_truthy(*request.identifier_base) ? IdentifierBase::kOne
                                                                    : IdentifierBase::kZero;
  }
  std::string out;
  for (const auto& [text, version] : kept) {
    std::string shown = clean(text, options).value_or(version.to_string());
    if (request.increment) {
      // node-semver prints null when the increment is refused.
      shown = inc(shown, *parse_release_type(request.level), inc_options).value_or("null");
    }
    out += shown + "\n";
  }
  context.terminal().out(out);
  return 0;
}

}  // namespace

const CommandSpec kSemverCommand = {
    .name = "semver",
    .aliases = {},
    .summary = "check, sort, coerce and increment versions against ranges (node-semver's CLI)",
    .usage = "semver [options] <version> [<version>...]",
    .description =
        "Prints the valid versions among the arguments, sorted by SemVer precedence, keeping\n"
        "only those that satisfy every --range. Exits 1, printing nothing, when no version is\n"
        "left. Same options, output and exit status as node-semver's `semver` command; its\n"
        "arguments are read the way that command reads them (--name=value works for every\n"
        "option; -i takes the next argument only if it is a level).",
    .options = kOptions,
    .run = run_semver,
    .positional_mode = PositionalMode::kVerbatim,
    .supports_json = false,
};

}  // namespace lode::cli
