"""bench/run live: the installs that go to the network (clean, and lockfile only), from the
registry npm is configured with, over this machine's own network: what a user sees. The
recorded registry's figures (bench/run install) are the ones the goals are checked with:
these depend on the registry, its CDN and the route, and vary from run to run and hour to
hour. Opt-in (not run by default): it downloads each app several times per tool."""
import datetime
import shutil

from common import BenchError, WORK, upstream_registry
from installs import Project, failure_line, measure_into, shell
from report import time_table
from toolchain import install_toolchain, make_tools

# (key, label): the scenarios of bench/run install that reach the registry at all.
LIVE_SCENARIOS = [
    ("clean", "clean: no cache, no lockfile, no node_modules"),
    ("lockfile", "lockfile only"),
]
LIVE_RUNS = 5


def live_app(app, tools, registry_url, runs):
    """{tool name: result} for one app: an untimed clean install per tool (its lockfile is
    the one the lockfile-only runs restore), then the scenarios, the tools taking turns."""
    results = {}
    projects = {}
    for tool in tools:
        project = Project(app, tool, registry_url)
        project.reset()
        print(f"bench/run live: {app} with {tool.name}", flush=True)
        try:
            shell(project.command("clean"), tool.env())
            project.check_installed()
            project.save()
            results[tool.name] = {"version": tool.version(), "scenarios": {}}
            projects[tool.name] = project
        except BenchError as e:
            results[tool.name] = {"error": failure_line(e)}
            print(f"  {tool.name} fails: {results[tool.name]['error']}", flush=True)
    for key, _ in LIVE_SCENARIOS:
        if not projects:
            break
        measure_into(results, projects, key, runs)
    return results


def part_live(options):
    install_toolchain()
    registry_url = upstream_registry()
    results = {"apps": {}}
    for app in options.apps:
        runs = options.runs or LIVE_RUNS
        tools = make_tools(options.tools, WORK / "live" / app)
        results["apps"][app] = {"date": datetime.date.today().isoformat(), "runs": runs,
                                "tools": live_app(app, tools, registry_url, runs)}
        shutil.rmtree(WORK / "live" / app, ignore_errors=True)
    return results


def render_live(result):
    lines = ["From the registry npm is configured with, over this machine's network (`bench/run live`, "
             "opt-in): only the scenarios that download. Wall time, median of the runs, the tools taking turns "
             "(min–max for lode), and in brackets how long the tool takes compared with lode. The network is "
             "not ours to hold still: compare tools within a row, not runs with each other.", ""]
    for app, app_result in result["apps"].items():
        tools = app_result["tools"]
        versions = ", ".join(f"{n} {t['version']}" for n, t in tools.items() if "version" in t)
        lines += [f"**{app}** ({app_result['date']}, {app_result['runs']} runs; {versions})", ""]
        for name, t in tools.items():
            if "error" in t:
                lines += [f"- {name} fails: {t['error']}", ""]
        lines += time_table(tools, LIVE_SCENARIOS)
        lines.append("")
    return "\n".join(lines).rstrip()
