// The same work as bench_semver.cpp, through node-semver: parse every real version, parse
// every range, and test every version of each list against its ranges (ranges and
// versions parsed once beforehand, node-semver's fastest way to ask). bench/semver/run.sh
// runs it with the semver package it installs.
//
// Usage: node bench_semver.mjs <path to semver package> <semver-cases.jsonl.gz>
import { readFileSync } from 'node:fs'
import { createRequire } from 'node:module'
import { gunzipSync } from 'node:zlib'

const [semverPath, dataPath] = process.argv.slice(2)
const semver = createRequire(import.meta.url)(semverPath)
const OPTS = [{}, { loose: true }, { includePrerelease: true }, { loose: true, includePrerelease: true }]

const lists = new Map()
const checks = []
for (const line of gunzipSync(readFileSync(dataPath)).toString().split('\n')) {
  if (line.startsWith('["list"')) {
    const row = JSON.parse(line)
    lists.set(row[1], row[3])
  } else if (line.startsWith('["sat"')) {
    const row = JSON.parse(line)
    checks.push({ list: row[1], options: OPTS[row[2]], range: row[3] })
  }
}
const versionCount = [...lists.values()].reduce((n, l) => n + l.length, 0)

let sink = 0
const bestRate = (work) => {
  let best = 0
  for (let trial = 0; trial < 3; trial++) {
    let operations = 0
    const start = process.hrtime.bigint()
    let elapsed = 0
    do {
      operations += work()
      elapsed = Number(process.hrtime.bigint() - start) / 1e9
    } while (elapsed < 1.0)
    best = Math.max(best, operations / elapsed)
  }
  return best
}

const versionsPerSecond = bestRate(() => {
  for (const list of lists.values()) {
    for (const text of list) {
      try {
        sink += new semver.SemVer(text).patch
      } catch {
        sink += 1
      }
    }
  }
  return versionCount
})

// node-semver memoises parsed range parts in a 1000-entry LRU cache; this is its rate
// with that cache in play, as real callers see it.
const rangesPerSecond = bestRate(() => {
  for (const check of checks) {
    try {
      sink += new semver.Range(check.range, check.options).set.length
    } catch {
      sink += 1
    }
  }
  return checks.length
})

const parsedLists = new Map()
for (const [id, list] of lists) {
  parsedLists.set(id, list.filter((v) => semver.valid(v)).map((v) => new semver.SemVer(v)))
}
const work = []
let callsPerRound = 0
for (const check of checks) {
  try {
    const range = new semver.Range(check.range, check.options)
    const versions = parsedLists.get(check.list)
    work.push([versions, range])
    callsPerRound += versions.length
  } catch {}
}
const satisfiesPerSecond = bestRate(() => {
  for (const [versions, range] of work) {
    for (const version of versions) sink += range.test(version) ? 1 : 0
  }
  return callsPerRound
})

console.log(JSON.stringify({
  versions: versionCount,
  ranges: checks.length,
  satisfies_calls_per_round: callsPerRound,
  versions_per_second: versionsPerSecond,
  ranges_per_second: rangesPerSecond,
  satisfies_per_second: satisfiesPerSecond,
  semver: createRequire(import.meta.url)(semverPath + '/package.json').version,
  node: process.version,
  sink: sink % 2,
}))
