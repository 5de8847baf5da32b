#!/usr/bin/env bash
# Measures lode's semver against node-semver on the same real data and writes the figures
# into the "Semver" section of docs/benchmarks.md.
#
#   bench/semver/run.sh            (from anywhere; needs meson, ninja, node, npm)
#
# Builds bench-semver in a release build folder (build-release, or $BENCH_BUILD_DIR),
# installs the latest semver@7 into a temporary folder for the node side, runs both on
# tests/fixtures/semver/semver-cases.jsonl.gz, and rewrites the section.
set -euo pipefail

root=$(cd "$(dirname "$0")/../.." && pwd)
build=${BENCH_BUILD_DIR:-$root/build-release}
data=$root/tests/fixtures/semver/semver-cases.jsonl.gz

if [ ! -f "$build/build.ninja" ]; then
  meson setup "$build" "$root" --buildtype=release
fi
ninja -C "$build" -j2 bench/semver/bench-semver

work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
echo '{"name":"semver-bench","private":true}' > "$work/package.json"
(cd "$work" && NPM_CONFIG_UPDATE_NOTIFIER=false npm install --no-audit --no-fund --no-package-lock semver@7 >/dev/null 2>&1)

# The machine is shared (2 cores, other builds): alternate the two sides three times and
# keep each side's best figures, so a burst of load hits neither side alone.
for round in 1 2 3; do
  echo "round $round: bench-semver, node-semver..." >&2
  "$build/bench/semver/bench-semver" "$data" >> "$work/lode.jsonl"
  node "$root/bench/semver/bench_semver.mjs" "$work/node_modules/semver" "$data" >> "$work/node.jsonl"
done

cpu=$(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2- | sed 's/^ *//' || echo unknown)
LODE_JSON="$work/lode.jsonl" NODE_JSON="$work/node.jsonl" CPU="$cpu" CORES="$(nproc)" \
DOC="$root/docs/benchmarks.md" node --input-type=module - <<'JS'
import { existsSync, readFileSync, writeFileSync } from 'node:fs'
// Each side's best figure over the rounds.
const best = (path) => readFileSync(path, 'utf8').trim().split('\n').map((l) => JSON.parse(l)).reduce((a, b) => {
  for (const key of Object.keys(b)) if (key.endsWith('_per_second')) a[key] = Math.max(a[key], b[key])
  return a
})
const lode = best(process.env.LODE_JSON)
const node = best(process.env.NODE_JSON)
const rate = (n) => n >= 1e6 ? `${(n / 1e6).toFixed(2)} M/s` : `${(n / 1e3).toFixed(1)} k/s`
const ratio = (a, b) => `${(a / b).toFixed(1)}x`
const date = new Date().toISOString().slice(0, 10)
const section = `## Semver

Measured ${date} by \`bench/semver/run.sh\` on this project's machine: ${process.env.CORES} cores
(${process.env.CPU}), lode built with \`--buildtype=release\`, node ${node.node}, node-semver
${node.semver}. Data: the real version lists and dependency ranges in
\`tests/fixtures/semver/semver-cases.jsonl.gz\` (${lode.versions} versions, ${lode.ranges} range
and option pairs, ${lode.satisfies_calls_per_round} satisfies calls per round). Each figure is
the best of three rounds (the two sides alternating) of three runs of at least a
second each.

| work | lode | node-semver | lode / node-semver |
|---|---|---|---|
| parse a version (\`Version::parse\` / \`new SemVer\`) | ${rate(lode.versions_per_second)} | ${rate(node.versions_per_second)} | ${ratio(lode.versions_per_second, node.versions_per_second)} |
| \`satisfies\` on a parsed range and version (\`Range::test\` / \`range.test\`) | ${rate(lode.satisfies_per_second)} | ${rate(node.satisfies_per_second)} | ${ratio(lode.satisfies_per_second, node.satisfies_per_second)} |
| parse a range (\`Range::parse\` / \`new Range\`, node-semver with its LRU cache) | ${rate(lode.ranges_per_second)} | ${rate(node.ranges_per_second)} | ${ratio(lode.ranges_per_second, node.ranges_per_second)} |

The goal is at least 20x node-semver for version parsing and \`satisfies\`. Both sides do
the same work on the same inputs: ranges and versions are parsed once before
\`satisfies\` is timed (node-semver's fastest way to ask, and how lode's resolver calls
it); \`satisfies\` on a parsed range does not allocate (\`tests/resolver/test_semver_alloc.cpp\`).
Range parsing is done once per range and matters less; node-semver's figure benefits
from its cache of parsed range parts, lode's parses every time.
`
const doc = process.env.DOC
let text = existsSync(doc) ? readFileSync(doc, 'utf8') : '# Benchmarks\n\nFigures measured by the scripts in `bench/`; the timing goals live there, never in tests.\n'
const start = text.indexOf('## Semver')
if (start === -1) {
  text = text.trimEnd() + '\n\n' + section
} else {
  const next = text.indexOf('\n## ', start + 1)
  text = text.slice(0, start) + section + (next === -1 ? '' : text.slice(next + 1))
}
writeFileSync(doc, text)
console.error(`lode: ${JSON.stringify(lode)}\nnode: ${JSON.stringify(node)}`)
JS
echo "wrote $root/docs/benchmarks.md" >&2
