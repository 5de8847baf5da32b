// The engine side of `lode cache`: add, ls, verify, clean, dir, checkpoint.
#include <unistd.h>

#include <cerrno>
#include <nlohmann/json.hpp>
#include <string>
#include <vector>

#include "base/progress.h"
#include "base/strings.h"
#include "cli/engine/handlers.h"
#include "registry/registry_client.h"
#include "resolver/package_fetcher.h"
#include "resolver/package_spec.h"
#include "resolver/version_picker.h"

namespace lode::cli {

namespace {

using nlohmann::json;


constexpr std::string_view kSubcommands[] = {"add", "ls", "list", "verify", "clean", "dir", "checkpoint"};

struct CacheSession {
  const Config* config = nullptr;
  std::optional<Store> store;
};

Result<CacheSession> open_cache(CommandContext& context) {
  Result<const Config*> config = context.config();
  if (!config) return std::unexpected(config.error());
  Result<Store> store = Store::open((*config)->cache_dir());
  if (!store) return std::unexpected(store.error());
  CacheSession session;
  session.config = *config;
  session.store.emplace(std::move(*store));
  return session;
}

Result<int> cache_add(CommandContext& context, std::span<const std::string> specs) {
  if (specs.empty()) {
    return fail(ErrorCode::kUsage, "`cache add` needs at least one package", "", "usage: lode cache add <name>[@<range>|@<version>|@<tag>]...");
  }
  Result<CacheSession> session = open_cache(context);
  if (!session) return std::unexpected(session.error());
  Result<DownloaderOptions> network = downloader_options(*session->config);
  if (!network) return std::unexpected(network.error());
  Result<FetcherOptions> fetching = fetcher_options_from(*session->config);
  if (!fetching) return std::unexpected(fetching.error());
  Result<std::unique_ptr<Downloader>> downloader = Downloader::create(*network);
  if (!downloader) return std::unexpected(downloader.error());
  PackageFetcher fetcher(*session->config, **downloader, *session->store, context.logger(), *fetching);

  Progress progress(context.terminal(), context.logger().level(), "fetching");
  progress.set_total(specs.size());
  std::vector<Error> errors;
  // Printed in the order given, whatever order the network answers in.
  std::vector<std::string> added(specs.size());
  for (size_t index = 0; index < specs.size(); ++index) {
    Result<PackageSpec> spec = parse_cli_spec(specs[index]);
    if (!spec) return std::unexpected(spec.error());
    if (!spec->from_registry()) {
      return fail(ErrorCode::kUnsupported, "`lode cache add` takes registry packages", specs[index],
                  "give a name with a version, range or tag");
    }
    fetcher.fetch_document(spec->real_name, [&, index, spec = *spec](Result<SharedDocument> document) {
      Result<const PackageVersion*> version =
          document ? pick_version(**document, ParsedVersions::of(**document), spec)
                   : Result<const PackageVersion*>(std::unexpected(document.error()));
      if (!version) {
        errors.push_back(version.error());
        progress.advance();
        return;
      }
      TarballSpec tarball{spec.real_name, (*version)->version, (*version)->tarball, (*version)->integrity,
                          (*version)->shasum};
      progress.set_detail(spec.real_name + "@" + tarball.version);
      fetcher.fetch_tarball(tarball, [&, index, label = spec.real_name + "@" + tarball.version](Result<StoredPackage> stored) {
        progress.advance();
        if (stored) {
          added[index] = label;
        } else {
          errors.push_back(stored.error());
        }
      });
    });
  }
  fetcher.run();
  progress.clear();
  for (const std::string& label : added) {
    if (!label.empty()) context.terminal().out(label + "\n");
  }
  if (errors.empty()) return 0;
  for (size_t i = 0; i + 1 < errors.size(); ++i) context.logger().error(errors[i]);
  return std::unexpected(errors.back());
}

// A '*' in the pattern matches any run of characters; without one, a substring matches.
bool matches_pattern(std::string_view text, std::string_view pattern) {
  if (pattern.find('*') == std::string_view::npos) return text.find(pattern) != std::string_view::npos;
  // Greedy matching that backtracks to the last '*' on a mismatch.
  size_t t = 0, p = 0, star = std::string_view::npos, resume = 0;
  while (t < text.size()) {
    if (p < pattern.size() && pattern[p] == '*') {
      star = p++;
      resume = t;
    } else if (p < pattern.size() && pattern[p] == text[t]) {
      ++p;
      ++t;
    } else if (star != std::string_view::npos) {
      p = star + 1;
      t = ++resume;
    } else {
      return false;
    }
  }
  while (p < pattern.size() && pattern[p] == '*') ++p;
  return p == pattern.size();
}

Result<int> cache_ls(CommandContext& context, std::span<const std::string> patterns) {
  Result<CacheSession> session = open_cache(context);
  if (!session) return std::unexpected(session.error());
  Result<CacheIndex*> index = session->store->index();
  if (!index) return std::unexpected(index.error());
  Result<std::vector<StoredPackage>> packages = (*index)->packages();
  if (!packages) return std::unexpected(packages.error());
  json list = json::array();
  std::string text;
  for (const StoredPackage& package : *packages) {
    std::string label = package.name + "@" + package.version;
    bool wanted = patterns.empty();
    for (const std::string& pattern : patterns) wanted = wanted || matches_pattern(label, pattern);
    if (!wanted) continue;
    text += label + "\n";
    list.push_back({{"name", package.name},
                    {"version", package.version},
                    {"integrity", package.integrity},
                    {"tarballSize", package.tarball_size},
                    {"unpackedSize", package.unpacked_size},
                    {"fileCount", package.file_count},
                    {"addedAt", package.added_at},
                    {"usedAt", package.used_at},
                    {"path", session->store->package_dir(package.key).string()}});
  }
  context.terminal().out(context.json() ? list.dump(2) + "\n" : text);
  return 0;
}

Result<int> cache_verify(CommandContext& context) {
  Result<CacheSession> session = open_cache(context);
  if (!session) return std::unexpected(session.error());
  Result<VerifyReport> report = session->store->verify();
  if (!report) return std::unexpected(report.error());
  if (context.json()) {
    context.terminal().out(json{{"packagesChecked", report->packages_checked},
                                {"filesChecked", report->files_checked},
                                {"packagesRemoved", report->packages_removed},
                                {"problems", report->problems}}
                               .dump(2) +
                           "\n");
    return 0;
  }
  for (const std::string& problem : report->problems) context.logger().warn(problem);
  context.terminal().out("verified " + plural(static_cast<size_t>(report->packages_checked), "package", "packages") +
                         " (" + plural(static_cast<size_t>(report->files_checked), "file", "files") + "), removed " +
                         std::to_string(report->packages_removed) + " damaged\n");
  return 0;
}

Result<int> cache_clean(CommandContext& context, const ParsedArgs& args) {
  std::optional<int64_t> unused_since;
  if (auto days = args.value("older-than")) {
    char* end = nullptr;
    long count = std::strtol(days->c_str(), &end, 10);
    if (days->empty() || *end != '\0' || count < 0) {
      return fail(ErrorCode::kUsage, "--older-than needs a number of days, got '" + *days + "'");
    }
    unused_since = static_cast<int64_t>(std::time(nullptr)) - static_cast<int64_t>(count) * 86400;
  }
  Result<CacheSession> session = open_cache(context);
  if (!session) return std::unexpected(session.error());
  Result<CleanReport> report = session->store->clean(unused_since);
  if (!report) return std::unexpected(report.error());
  context.terminal().out("removed " + plural(static_cast<size_t>(report->packages_removed), "package", "packages") +
                         " and " + plural(static_cast<size_t>(report->documents_removed), "document", "documents") +
                         " (" + std::to_string(report->bytes_freed / 1024) + " KiB)\n");
  return 0;
}

// Started by installs with --wait-for-stdin, its stdin a pipe the install holds until its
// own connections to the index are closed: only then is the copy complete and the log
// removable.
Result<int> cache_checkpoint(CommandContext& context, const ParsedArgs& args) {
  Result<const Config*> config = context.config();
  if (!config) return std::unexpected(config.error());
  if (args.flag("wait-for-stdin")) {
    char buffer[512];
    while (true) {
      ssize_t n = ::read(STDIN_FILENO, buffer, sizeof buffer);
      if (n == 0 || (n < 0 && errno != EINTR)) break;
    }
  }
  fs::path index_file = (*config)->cache_dir() / "index.sqlite";
  Result<CheckpointCounts> counts = CacheIndex::checkpoint(index_file);
  if (!counts) return std::unexpected(counts.error());
  context.terminal().out("copied " + plural(static_cast<size_t>(counts->copied_pages), "page", "pages") + " of " +
                         std::to_string(counts->log_pages) + " from the log into " + index_file.string() + "\n");
  return 0;
}

}  // namespace

Result<int> run_cache_command(CommandContext& context, const ParsedArgs& args) {
  if (args.positionals.empty()) {
    return fail(ErrorCode::kUsage, "`lode cache` needs a subcommand", "", "use one of: add, ls, verify, clean, dir, checkpoint");
  }
  const std::string& sub = args.positionals.front();
  std::span<const std::string> rest(args.positionals.begin() + 1, args.positionals.end());
  if (sub == "add") return cache_add(context, rest);
  if (sub == "ls" || sub == "list") return cache_ls(context, rest);
  if (sub == "verify") return cache_verify(context);
  if (sub == "clean") return cache_clean(context, args);
  if (sub == "checkpoint") return cache_checkpoint(context, args);
  if (sub == "dir") {
    Result<const Config*> config = context.config();
    if (!config) return std::unexpected(config.error());
    context.terminal().out((*config)->cache_dir().string() + "\n");
    return 0;
  }
  std::vector<std::string> names(std::begin(kSubcommands), std::end(kSubcommands));
  auto match = closest_match(sub, names);
  return fail(ErrorCode::kUsage, "unknown cache subcommand '" + sub + "'", "",
              match ? "did you mean `lode cache " + *match + "`?" : "use one of: add, ls, verify, clean, dir, checkpoint");
}

}  // namespace lode::cli
