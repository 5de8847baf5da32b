"""bench/run run: the overhead of running a package.json script: `<tool> run noop` where
noop is `true`, in the web app's folder, with each tool's own (empty) home."""
import shutil

from common import ROOT, WORK, format_seconds, hyperfine
from toolchain import install_toolchain, make_tools


def part_run(options):
    install_toolchain()
    project = WORK / "run" / "project"
    shutil.rmtree(project.parent, ignore_errors=True)
    project.mkdir(parents=True)
    shutil.copy(ROOT / "bench" / "apps" / "web" / "package.json", project / "package.json")
    rows = {}
    for tool in make_tools(options.tools, WORK / "run"):
        tool.home.mkdir(parents=True, exist_ok=True)
        name = f"{tool.name} run noop"
        timing = hyperfine({name: f"{tool.run_script('noop')}"}, runs=30, warmup=3, env=tool.env(),
                           cwd=project, shell=False)[name]
        timing["version"] = tool.version()
        rows[tool.name] = timing
    shell_name = "sh -c true"
    rows["sh -c true"] = hyperfine({shell_name: "sh -c true"}, runs=30, warmup=3, shell=False)[shell_name]
    shutil.rmtree(project.parent, ignore_errors=True)
    return {"rows": rows}


def render_run(result):
    rows = result["rows"]
    base = rows.get("lode")
    lines = ["`<tool> run noop` where the script is `true` (hyperfine -N, 30 runs); `sh -c true` is the floor "
             "every runner pays to start the script's shell.", "",
             "| command | median | min | max | vs lode |", "|---|---:|---:|---:|---:|"]
    for name, r in rows.items():
        label = f"{name} {r['version']}" if "version" in r else name
        versus = "" if base is None or name == "lode" else f"{r['median_s'] / base['median_s']:.1f}x"
        lines.append(f"| `{label}` | {format_seconds(r['median_s'])} | {format_seconds(r['min_s'])} | "
                     f"{format_seconds(r['max_s'])} | {versus} |")
    return "\n".join(lines)
