"""bench/run run: the overhead of running a package.json script (`<tool> run noop` where
noop is `true`, in the web app's folder) and of running a package's command without
adding it to the project (`lode x`, npx, pnpm dlx, bunx) once the package is cached;
each tool with its own home and cache, the second through the recorded registry."""
import pathlib
import shutil
import time

from common import ROOT, WORK, format_seconds, hyperfine, run
from recorded import RecordedRegistry
from toolchain import install_toolchain, make_tools

# A small command from the recording, so the runner's overhead is not drowned by the
# command itself; the floor runs the same file from a plain node_modules/.bin.
EXEC_PACKAGE = "semver@7.8.6"
EXEC_COMMAND = "semver 1.2.3"


def shown(command, tool):
    """The command as the docs show it: the tool by name, without the benchmark's cache flag."""
    words = command.split()
    if "--cache" in words:
        at = words.index("--cache")
        del words[at:at + 2]
    return " ".join(pathlib.Path(w).name if w.startswith("/") else w for w in words)


def measure_scripts(tools, project):
    rows = {}
    for tool in tools:
        name = f"{tool.name} run noop"
        timing = hyperfine({name: f"{tool.run_script('noop')}"}, runs=30, warmup=3, env=tool.env(),
                           cwd=project, shell=False)[name]
        timing["version"] = tool.version()
        rows[tool.name] = timing
    shell_name = "sh -c true"
    rows["sh -c true"] = hyperfine({shell_name: "sh -c true"}, runs=30, warmup=3, shell=False)[shell_name]
    return rows


def measure_exec(tools, folder):
    rows = {}
    with RecordedRegistry() as registry:
        (folder / ".npmrc").write_text(f"registry={registry.url}\n")
        for tool in tools:
            command = tool.exec_package(EXEC_PACKAGE, EXEC_COMMAND)
            if command is None:
                continue
            name = f"{tool.name} x"
            # The warm-up installs the package into the tool's cache; the runs reuse it.
            rows[tool.name] = hyperfine({name: command}, runs=40, warmup=2, env=tool.env(), cwd=folder,
                                        shell=False)[name]
            rows[tool.name]["command"] = shown(command, tool)
        floor = folder / "floor"
        floor.mkdir()
        (floor / "package.json").write_text('{"name": "floor"}\n')
        lode_tool = next(t for t in tools if t.name == "lode")
        run([str(lode_tool.executable()), "add", EXEC_PACKAGE, "--registry", registry.url, "--cache",
             str(lode_tool.cache)], cwd=floor, env=lode_tool.env())
    direct = f"node_modules/.bin/{EXEC_COMMAND}"
    rows["direct"] = hyperfine({direct: direct}, runs=40, warmup=2, cwd=floor, shell=False)[direct]
    rows["direct"]["command"] = direct
    return rows


def part_run(options):
    install_toolchain()
    project = WORK / "run" / "project"
    shutil.rmtree(project.parent, ignore_errors=True)
    project.mkdir(parents=True)
    shutil.copy(ROOT / "bench" / "apps" / "web" / "package.json", project / "package.json")
    tools = make_tools(options.tools, WORK / "run")
    for tool in tools:
        tool.home.mkdir(parents=True, exist_ok=True)
    # Installed first, from the recording: `lode run` checks node_modules is in sync before
    # running (and would install from the default registry in the first warm-up).
    lode_tool = next(t for t in tools if t.name == "lode")
    with RecordedRegistry() as registry:
        run([str(lode_tool.executable()), "install", "--ignore-scripts", "--silent", "--registry", registry.url,
             "--cache", str(lode_tool.cache)], cwd=project, env=lode_tool.env())
    # The steady state is measured: lode's check records its one-stat-per-folder signature
    # only once node_modules' times are a second old (resolver/tree_signature.h).
    time.sleep(2)
    rows = measure_scripts(tools, project)
    exec_folder = WORK / "run" / "x"
    exec_folder.mkdir()
    exec_rows = measure_exec(tools, exec_folder)
    shutil.rmtree(project.parent, ignore_errors=True)
    return {"rows": rows, "exec": exec_rows, "exec_package": EXEC_PACKAGE, "exec_command": EXEC_COMMAND}


def _table(rows, base_name, label_of):
    base = rows.get(base_name)
    lines = ["| command | median | min | max | vs lode |", "|---|---:|---:|---:|---:|"]
    for name, r in rows.items():
        versus = "" if base is None or name == base_name else f"{r['median_s'] / base['median_s']:.1f}x"
        lines.append(f"| `{label_of(name, r)}` | {format_seconds(r['median_s'])} | {format_seconds(r['min_s'])} | "
                     f"{format_seconds(r['max_s'])} | {versus} |")
    return lines


def render_run(result):
    lines = ["`<tool> run noop` where the script is `true` (hyperfine -N, 30 runs); `sh -c true` is the floor "
             "every runner pays to start the script's shell.", ""]
    lines += _table(result["rows"], "lode", lambda name, r: f"{name} {r['version']}" if "version" in r else name)
    if result.get("exec"):
        lines += ["", f"Running `{result['exec_command']}` from `{result['exec_package']}` without adding it to a "
                  "project, the package already in each tool's cache (hyperfine -N, 40 runs, after two warm-ups "
                  "that fetch it from the recorded registry); `direct` runs the same file from a project's "
                  "node_modules/.bin, the floor. yarn 1 has no such command.", ""]
        lines += _table(result["exec"], "lode", lambda name, r: r["command"])
    return "\n".join(lines)
