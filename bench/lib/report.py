"""Markdown tables and gnuplot charts from the install results (bench/results/install.json)."""
import pathlib
import shutil
import subprocess
import tempfile

from common import ROOT, format_seconds
from installs import SCENARIOS, failure_line

IMAGES = ROOT / "docs" / "img"


def format_ratio(r):
    """A ratio with one decimal, or two when it is within 5% of even: "1.0x" would hide
    which tool was ahead."""
    return f"{r:.2f}x" if 0.95 <= r < 1.05 else f"{r:.1f}x"


def timing_cell(timing, base):
    if timing is None:
        return "not run"
    if "error" in timing:
        return "fails"
    text = format_seconds(timing["median_s"])
    if base is None:
        return f"**{text}** ({format_seconds(timing['min_s'])}–{format_seconds(timing['max_s'])})"
    return f"{text} ({format_ratio(timing['median_s'] / base['median_s'])})"


def time_table(tools, scenarios):
    """The markdown rows of a timing table: one row per (key, label) of `scenarios`, one
    column per tool, each cell compared with lode's."""
    names = list(tools)
    lode = tools.get("lode", {}).get("scenarios", {})
    lines = ["| scenario | " + " | ".join(names) + " |", "|---|" + "---:|" * len(names)]
    for key, label in scenarios:
        base = lode.get(key)
        base = base if base and "median_s" in base else None
        cells = [timing_cell(tools[name].get("scenarios", {}).get(key), None if name == "lode" else base)
                 for name in names]
        lines.append(f"| {label} | " + " | ".join(cells) + " |")
    return lines


def _rss_cell(timing, base):
    if not timing or "peak_rss_kib" not in timing:
        return "n/a"
    mib = timing["peak_rss_kib"] / 1024
    if base is None:
        return f"**{mib:.0f} MiB**"
    return f"{mib:.0f} MiB ({timing['peak_rss_kib'] / base['peak_rss_kib']:.1f}x)"


def ratio(result, app, scenario, other):
    """other's median over lode's for one scenario, or None."""
    tools = result["apps"].get(app, {}).get("tools", {})
    a = tools.get("lode", {}).get("scenarios", {}).get(scenario, {})
    b = tools.get(other, {}).get("scenarios", {}).get(scenario, {})
    if "median_s" in a and "median_s" in b:
        return b["median_s"] / a["median_s"]
    return None


def render_install(result):
    network = result["network"]
    lines = [
        "Every tool installs through the same recorded registry on 127.0.0.1 "
        f"(`tests/registry_server/server.py --recording`), {network['latency_ms']} ms added to each request and "
        f"{network['bandwidth_mbit']} Mbit/s shared by all connections (pnpm's benchmark network), scripts off, "
        "each tool with its own cache and home folder. Wall time, median of the runs (min–max for lode), "
        "and in brackets how long the tool takes compared with lode (2.0x = twice as long). "
        "Peak RSS is that of the largest process in one more run (GNU time).", ""]
    for app, app_result in result["apps"].items():
        tools = app_result["tools"]
        names = list(tools)
        lode = tools.get("lode", {})
        versions = ", ".join(f"{n} {t['version']}" for n, t in tools.items() if "version" in t)
        network = app_result.get("network", result["network"])
        order = ("the tools taking turns (run r starts with the r-th tool)" if app_result.get("interleaved")
                 else "each tool's runs in a row")
        lines += [f"### {app}", "",
                  f"Measured {app_result.get('date', '?')}, {app_result.get('runs', '?')} runs per scenario, {order}, "
                  f"{network['latency_ms']} ms / {network['bandwidth_mbit']} Mbit/s. Versions: {versions}. "
                  f"`add` adds `{app_result['add']}`.", ""]
        carried = [f"{n} ({t['carried_from']})" for n, t in tools.items() if "carried_from" in t]
        if carried:
            lines += [f"Not rerun this time, figures from an earlier run of this app: {', '.join(carried)}; "
                      "their ratios are to this run's lode.", ""]
        packages = "; ".join(f"{n} {t['packages']} packages, {t['requests']} requests"
                             for n, t in tools.items() if "packages" in t)
        if packages:
            lines += [f"A clean install lays out (folders with a package.json) and asks the registry for: {packages}.",
                      ""]
        for name, t in tools.items():
            if t.get("unrecorded"):
                lines += [f"- {name} asked for {len(t['unrecorded'])} things the recording lacks (404 here), "
                          f"and installed without them: {', '.join(t['unrecorded'][:5])}", ""]
        failures = [f"{n}: {failure_line(t['error'])}" for n, t in tools.items() if "error" in t]
        for failure in failures:
            lines.append(f"- fails: {failure}")
        if failures:
            lines.append("")
        lines += time_table(tools, SCENARIOS)
        lines += ["", "Peak RSS:", "", "| scenario | " + " | ".join(names) + " |", "|---|" + "---:|" * len(names)]
        for key, label in SCENARIOS:
            base = lode.get("scenarios", {}).get(key)
            base = base if base and "peak_rss_kib" in base else None
            cells = [_rss_cell(tools[name].get("scenarios", {}).get(key), None if name == "lode" else base)
                     for name in names]
            lines.append(f"| {label} | " + " | ".join(cells) + " |")
        chart = chart_install(app, app_result)
        if chart:
            lines += ["", f"![{app}: install times]({chart.relative_to(ROOT / 'docs')})"]
        lines.append("")
    return "\n".join(lines).rstrip()


def chart_install(app, app_result):
    """docs/img/install-<app>.png: seconds per scenario, one bar per tool, log scale."""
    if not shutil.which("gnuplot"):
        return None
    tools = [n for n, t in app_result["tools"].items() if "scenarios" in t]
    if not tools:
        return None
    IMAGES.mkdir(parents=True, exist_ok=True)
    target = IMAGES / f"install-{app}.png"
    with tempfile.TemporaryDirectory() as folder:
        data = pathlib.Path(folder) / "data.tsv"
        rows = []  # no header row: gnuplot would draw it as an empty cluster
        for key, _ in SCENARIOS:
            values = []
            for name in tools:
                timing = app_result["tools"][name]["scenarios"].get(key, {})
                values.append(str(timing.get("median_s", "NaN")))
            rows.append(f"\"{key}\"\t" + "\t".join(values))
        data.write_text("\n".join(rows) + "\n")
        columns = ", ".join(f"'{data}' using {i + 2}:xtic(1) title '{name}'" for i, name in enumerate(tools))
        script = f"""
set terminal pngcairo size 1000,480 font 'DejaVu Sans,10'
set output '{target}'
set title 'Installing {app} (median wall seconds, log scale; lower is better)'
set style data histogram
set style histogram cluster gap 1
set style fill solid 0.9 border -1
set logscale y
set yrange [0.005:*]
set ylabel 'seconds'
set grid ytics
set key top right
set xtics rotate by -15
plot {columns}
"""
        subprocess.run(["gnuplot"], input=script, text=True, check=True)
    return target


def headline(result):
    """For the README: how long each competitor takes compared with lode in every scenario
    of the first app measured (above 1.0x the competitor is slower, below it is faster)."""
    if not result["apps"]:
        return ""
    app = "web" if "web" in result["apps"] else next(iter(result["apps"]))
    others = [n for n in result["apps"][app]["tools"] if n != "lode"]
    spelled = {"cache+lockfile": "cache + lockfile", "nothing-to-do": "nothing to do"}
    lines = []
    for name in others:
        figures = []
        for key, _ in SCENARIOS:
            r = ratio(result, app, key, name)
            if r is not None:
                figures.append(f"{spelled.get(key, key)} {format_ratio(r)}")
        if figures:
            carried = result["apps"][app]["tools"][name].get("carried_from")
            # A tool not rerun was measured another day, by an older method: say so.
            when = f" (measured {carried}, not in this run)" if carried else ""
            lines.append(f"- {name}{when}: " + ", ".join(figures))
    return (f"Installing the `{app}` benchmark app, each tool's time over lode's (above 1.0x lode is faster, "
            "below it the other tool is):\n\n" + "\n".join(lines))
