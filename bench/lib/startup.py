"""bench/run startup: `lode -e 0` against `node -e 0` and `bun -e 0`, the V8 floor (load
libnode, make an isolate and a context), and requiring the TypeScript compiler cold and
with lode's code cache."""
import json
import os
import shutil
import tempfile

from common import BUILD, DATA, ROOT, format_seconds, hyperfine, lode, run
from toolchain import TOOLS, install_toolchain


def fetch_typescript():
    folder = DATA / "typescript"
    module = folder / "node_modules" / "typescript"
    if not module.exists():
        folder.mkdir(parents=True, exist_ok=True)
        run(["npm", "install", "--no-audit", "--no-fund", "--silent", "--prefix", str(folder), "typescript@5"])
    return module, json.loads((module / "package.json").read_text())["version"]


def part_startup(options):
    install_toolchain()
    cache = tempfile.mkdtemp(prefix="lode-bench-cache-")
    env = {**os.environ, "XDG_CACHE_HOME": cache}
    bun = TOOLS / "node_modules" / ".bin" / "bun"
    commands = {"lode -e 0": f"{lode()} -e 0", "node -e 0": "node -e 0", "bun -e 0": f"{bun} -e 0",
                "V8 floor (libnode + isolate + context)": str(BUILD / "bench" / "bench-v8-floor"),
                "lode --version (no JavaScript)": f"{lode()} --version"}
    run([str(lode()), "-e", "0"], env=env)  # fill the code cache
    eval_rows = hyperfine(commands, runs=40, warmup=3, env=env, shell=False)
    module, version = fetch_typescript()
    script = ROOT / "bench" / "startup" / "require_typescript.js"
    cold = hyperfine({"lode, cold (no code cache)": f"{lode()} {script} {module}", "node": f"node {script} {module}"},
                     runs=10, warmup=1, prepare=f"rm -rf {cache}/lode/v8-code", env=env)
    run([str(lode()), str(script), str(module)], env=env)
    warm = hyperfine({"lode, with code cache": f"{lode()} {script} {module}"}, runs=10, warmup=1, env=env)
    shutil.rmtree(cache, ignore_errors=True)
    return {"eval": eval_rows, "typescript": {**cold, **warm}, "typescript_version": version,
            "bun": run([str(bun), "--version"]).strip(), "load_average": round(os.getloadavg()[0], 2)}


def _table(rows, base):
    lines = ["| command | median | min | max | vs lode |", "|---|---:|---:|---:|---:|"]
    for name, r in rows.items():
        versus = f"{r['median_s'] / base['median_s']:.2f}x" if name != next(iter(rows)) else ""
        lines.append(f"| {name} | {format_seconds(r['median_s'])} | {format_seconds(r['min_s'])} | "
                     f"{format_seconds(r['max_s'])} | {versus} |")
    return lines


def render_startup(result):
    eval_rows = result["eval"]
    lines = [f"Load average at the end of the run: {result.get('load_average', '?')}. bun {result.get('bun', '?')}.",
             "", "Start-up of an empty script (hyperfine -N, 40 runs):", ""]
    lines += _table({f"`{k}`": v for k, v in eval_rows.items()}, eval_rows["lode -e 0"])
    lines += ["", f"Requiring the TypeScript {result['typescript_version']} compiler (one 9 MB CommonJS file) "
              "and transpiling a line (10 runs):", ""]
    ts = result["typescript"]
    lines += _table(ts, ts["lode, cold (no code cache)"])
    return "\n".join(lines)
