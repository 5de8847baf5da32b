"""Paths, the machine description, hyperfine and the docs/benchmarks.md writer that every
part of bench/run shares."""
import datetime
import json
import os
import pathlib
import platform
import re
import shlex
import statistics
import subprocess
import tempfile

ROOT = pathlib.Path(__file__).resolve().parents[2]
BUILD = ROOT / "build-release"
DATA = ROOT / "bench" / "data"  # git-ignored: recordings and fetched documents
WORK = ROOT / "bench" / "work"  # git-ignored: projects, caches and tool homes of a run
RESULTS = ROOT / "bench" / "results"
DOC = ROOT / "docs" / "benchmarks.md"


class BenchError(Exception):
    """A part cannot run (a missing tool, a failing install); the message says why."""


def run(args, **kwargs):
    return subprocess.run(args, check=True, text=True, capture_output=True, **kwargs).stdout


def lode():
    return BUILD / "lode"


def build():
    """Installs what the bench needs from Debian (hyperfine, time, wrk: scripts/bootstrap
    --bench, quick when they are there), then builds lode in build-release/."""
    subprocess.run([str(ROOT / "scripts" / "bootstrap"), "--bench"], check=True, stdout=subprocess.DEVNULL)
    if not (BUILD / "build.ninja").exists():
        run(["meson", "setup", str(BUILD), "--buildtype=release"], cwd=ROOT)
    subprocess.run(["ninja", "-C", str(BUILD)], check=True, stdout=subprocess.DEVNULL)


def machine():
    memory_kb = int(re.search(r"MemTotal:\s+(\d+)", pathlib.Path("/proc/meminfo").read_text()).group(1))
    cpu = re.search(r"model name\s*:\s*(.*)", pathlib.Path("/proc/cpuinfo").read_text())
    return {
        "date": datetime.date.today().isoformat(),
        "cores": os.cpu_count(),
        "memory_gib": round(memory_kb / 1024 / 1024),
        "cpu": cpu.group(1).strip() if cpu else platform.processor(),
        "kernel": platform.release(),
        "node": run(["node", "--version"]).strip(),
        "lode": run([str(lode()), "--version"]).strip(),
    }


def upstream_registry():
    """The registry npm is configured with (no host name is written into the repository)."""
    url = run(["npm", "config", "get", "registry"]).strip()
    return url if url.endswith("/") else url + "/"


def hyperfine(commands, runs, warmup=1, prepare=None, env=None, cwd=None, shell=True):
    """Times each command with hyperfine: {name: {median_s, min_s, max_s, mean_s, runs}}.

    commands: {name: shell command}; prepare: one shell command run before every timing
    run (warm-ups included). Raises BenchError naming the command when one fails."""
    with tempfile.NamedTemporaryFile(suffix=".json") as export:
        args = ["hyperfine", "--style", "basic", "--warmup", str(warmup), "--runs", str(runs),
                "--export-json", export.name]
        if not shell:
            args.append("-N")
        if prepare:
            args += ["--prepare", prepare]
        for name, command in commands.items():
            args += ["--command-name", name, command]
        done = subprocess.run(args, env=env, cwd=cwd, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
        if done.returncode != 0:
            raise BenchError(f"hyperfine failed for {', '.join(commands)}:\n{done.stderr.strip()[-2000:]}")
        data = json.load(open(export.name))
    return {row["command"]: summarize_times(row["times"]) for row in data["results"]}


def summarize_times(times):
    """{median_s, min_s, max_s, mean_s, runs} of a list of wall times in seconds."""
    return {"median_s": round(statistics.median(times), 4), "min_s": round(min(times), 4),
            "max_s": round(max(times), 4), "mean_s": round(statistics.mean(times), 4), "runs": len(times)}


def peak_rss_kib(command, env=None, cwd=None):
    """Peak resident set size (KiB) of the largest process of one run of a shell command,
    measured by GNU time; BenchError when the command fails."""
    with tempfile.NamedTemporaryFile(suffix=".txt") as out:
        done = subprocess.run(["/usr/bin/time", "-o", out.name, "-f", "%M", "sh", "-c", command], env=env, cwd=cwd,
                              stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True)
        if done.returncode != 0:
            raise BenchError(f"{command}: exit {done.returncode}\n{done.stderr.strip()[-2000:]}")
        return int(pathlib.Path(out.name).read_text().split()[-1])


def shell_join(args):
    return " ".join(shlex.quote(str(a)) for a in args)


def format_seconds(seconds):
    if seconds is None:
        return "n/a"
    if seconds < 1:
        return f"{seconds * 1000:.0f} ms" if seconds >= 0.01 else f"{seconds * 1000:.1f} ms"
    if seconds < 60:
        return f"{seconds:.2f} s"
    return f"{int(seconds // 60)} min {seconds % 60:.0f} s"


def update_doc(part, meta, body):
    """Replaces the part's section of docs/benchmarks.md (between its markers) with body."""
    begin, end = f"<!-- BEGIN {part} -->", f"<!-- END {part} -->"
    text = DOC.read_text() if DOC.exists() else "# lode benchmarks\n"
    section = (f"{begin}\n_Measured {meta['date']} on {meta['cores']} cores, {meta['memory_gib']} GiB "
               f"({meta['cpu']}, Linux {meta.get('kernel', '')}); {meta['lode']}; node {meta['node']}._\n\n{body}\n{end}")
    if begin in text:
        text = re.sub(re.escape(begin) + ".*?" + re.escape(end), lambda _: section, text, flags=re.S)
    else:
        text = text.rstrip("\n") + f"\n\n{section}\n"
    DOC.write_text(text)
