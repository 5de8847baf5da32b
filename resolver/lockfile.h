// lode.lock: the resolved dependency graph as text. Deterministic (the same graph gives the
// same bytes), sorted, one package per line, so diffs stay small and merges easy; platform
// independent (optional packages of every platform are listed with their os/cpu/libc, and
// filtered at install time). The format is documented in docs/lockfile.md.
#pragma once

#include <functional>
#include <string>
#include <string_view>

#include "base/error.h"
#include "base/fs.h"
#include "resolver/dependency_graph.h"

namespace lode {

inline constexpr std::string_view kLockfileName = "lode.lock";

// The registry URL (ending in '/') a package name is fetched from. A tarball at the
// registry's usual address (<registry><name>/-/<name>-<version>.tgz) is not written to
// the lockfile, so the lockfile works against any mirror of that registry.
using RegistryLookup = std::function<std::string(std::string_view package_name)>;

// The usual tarball URL of name@version on `registry`.
std::string default_tarball_url(std::string_view registry, std::string_view name, std::string_view version);

// The lockfile text for `graph` (flags must be computed).
std::string write_lockfile(const DependencyGraph& graph, const RegistryLookup& registry);

// Reads lockfile text. Fails (kParse) with "path:line" as the subject on anything
// malformed, so a broken lockfile is reported, never half-used.
Result<DependencyGraph> parse_lockfile(std::string_view text, const fs::path& path, const RegistryLookup& registry);

}  // namespace lode
