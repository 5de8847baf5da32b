"""bench/run documents: lode's package document parser against node's JSON.parse, and
loading the cached (binary) form, on real documents of the upstream registry."""
import json
import statistics
import urllib.request

from common import BUILD, DATA, ROOT, run, upstream_registry

DOCUMENTS = ["typescript", "@types/node", "next", "aws-sdk", "react", "eslint", "express", "lodash"]


def fetch_documents():
    folder = DATA / "documents"
    folder.mkdir(parents=True, exist_ok=True)
    files = []
    for name in DOCUMENTS:
        encoded = name.replace("/", "%2f")
        target = folder / f"{encoded}.json"
        if not target.exists():
            request = urllib.request.Request(upstream_registry() + encoded, headers={
                "Accept": "application/vnd.npm.install-v1+json; q=1.0, application/json; q=0.8, */*"})
            with urllib.request.urlopen(request) as response:
                target.write_bytes(response.read())
        files.append(str(target))
    return files


def part_documents(options):
    files = fetch_documents()
    lode_rows = [json.loads(line) for line in run([str(BUILD / "bench" / "bench-documents"), *files]).splitlines()]
    node_rows = [json.loads(line) for line in
                 run(["node", str(ROOT / "bench/registry/node_parse.js"), *files]).splitlines()]
    rows = []
    for lode, node in zip(lode_rows, node_rows):
        rows.append({**lode, "node_parse_ms": round(node["node_parse_ms"], 3)})
    return {"rows": rows}


def render_documents(result):
    rows = result["rows"]
    lines = [
        "| document | size | versions | lode parse | MB/s | node `JSON.parse` | lode vs node | cached form | "
        "cached load | parse / cached load |",
        "|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|",
    ]
    for r in rows:
        lines.append(
            f"| {r['document']} | {r['bytes'] / 1e6:.1f} MB | {r['versions']} | {r['parse_ms']:.2f} ms | "
            f"{r['parse_mb_per_s']:.0f} | {r['node_parse_ms']:.2f} ms | "
            f"{r['node_parse_ms'] / r['parse_ms']:.1f}x faster | "
            f"{r['cached_bytes'] / 1e6:.2f} MB | {r['cached_load_ms']:.2f} ms | "
            f"{r['parse_ms'] / r['cached_load_ms']:.1f}x |")
    total_mb = sum(r["bytes"] for r in rows) / 1e6
    total_ms = sum(r["parse_ms"] for r in rows)
    lines.append("")
    lines.append(f"Over all {len(rows)} documents: {total_mb:.1f} MB in {total_ms:.1f} ms, "
                 f"{total_mb / (total_ms / 1000):.0f} MB/s, {len(rows) / (total_ms / 1000):.0f} documents/s; "
                 f"median speed-up over node's JSON.parse "
                 f"{statistics.median(r['node_parse_ms'] / r['parse_ms'] for r in rows):.1f}x.")
    return "\n".join(lines)
