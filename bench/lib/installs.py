"""bench/run install: the apps of bench/apps installed by lode, npm, pnpm, bun and yarn
through the recorded registry, in the scenarios of pnpm's published benchmark, timed by
hyperfine one run at a time, the tools taking turns, with the peak RSS of one more run of
each; and bench/run record, which makes the recording those installs need."""
import datetime
import json
import os
import pathlib
import shutil
import subprocess
import time

from common import BenchError, ROOT, WORK, hyperfine, peak_rss_kib, summarize_times, upstream_registry
from recorded import RecordedRegistry
from toolchain import install_toolchain, make_tools

APPS = {
    # name: (package to `add` in the add scenario, timing runs per scenario)
    "web": ("axios", 5),
    "api": ("axios", 5),
    "alotta-packages": ("axios", 3),
}

# Seconds to wait after deleting, so that the runs that follow do not pay for it: ext4
# without a journal (this machine's) steps over inodes freed in the last 60 s, and in the
# last 360 s while their inode-table block is dirty (which the runs' own new folders make
# it), searching from the start of a block group every time. Each folder created within
# 6 minutes of a large deletion costs a scan over the freed inodes, so that a warm install
# 90 s after one took 1.5x its time (perf: `recently_deleted` 13% of a web install 80 s
# after deleting seven node_modules trees). So the prepare steps move trees aside
# (Project.put_away) and the trash is deleted only where the disk needs it (after the
# clean runs: seven caches a tool), before the warm scenarios, followed by this wait. The
# tools' runs are interleaved too (measure_scenario). BENCH_SETTLE_S=0 skips the wait for
# a quick trial.
SETTLE_S = int(os.environ.get("BENCH_SETTLE_S", "370"))

# (key, label), in the order of the report's tables.
SCENARIOS = [
    ("clean", "clean: no cache, no lockfile, no node_modules"),
    ("cache", "cache only"),
    ("cache+lockfile", "cache + lockfile"),
    ("lockfile", "lockfile only"),
    ("nothing-to-do", "cache + lockfile + node_modules: nothing to do"),
    ("add", "`add` one package to a warm project"),
]

# The order the scenarios run in: each starts from what the one before it left (the cache
# stays warm; nothing-to-do finds what cache + lockfile installed). The trash is deleted
# before the ones named in EMPTY_TRASH_BEFORE only; "lockfile only" runs last so that the
# caches its runs put away wait for the next app's settling time.
RUN_ORDER = ["clean", "cache", "cache+lockfile", "nothing-to-do", "add", "lockfile"]
EMPTY_TRASH_BEFORE = {"cache"}


def trash_of(app_work):
    """Where an app's runs put what their prepare steps take away."""
    return app_work / "trash"


def empty_trash(app_work):
    """Deletes what the runs put away, then waits SETTLE_S for the file system to forget."""
    trash = trash_of(app_work)
    if trash.is_dir() and any(trash.iterdir()):
        shutil.rmtree(trash, ignore_errors=True)
        trash.mkdir()
        print(f"  trash deleted; waiting {SETTLE_S} s for the file system to forget it", flush=True)
        time.sleep(SETTLE_S)


class Project:
    """One tool's copy of one app: bench/work/install/<app>/<tool>/{project,saved,...}."""

    def __init__(self, app, tool, registry_url):
        self.app = app
        self.tool = tool
        self.folder = tool.home.parent / "project"
        self.saved = tool.home.parent / "saved"
        self.trash = trash_of(tool.home.parent.parent)
        self.registry_url = registry_url

    def reset(self):
        shutil.rmtree(self.tool.home.parent, ignore_errors=True)
        self.trash.mkdir(parents=True, exist_ok=True)
        self.folder.mkdir(parents=True)
        self.saved.mkdir(parents=True)
        self.tool.home.mkdir(parents=True)
        shutil.copy(ROOT / "bench" / "apps" / self.app / "package.json", self.folder / "package.json")
        # Every tool reads the registry from the project's .npmrc.
        (self.folder / ".npmrc").write_text(f"registry={self.registry_url}\n")

    def save(self):
        lock = self.folder / self.tool.lockfile
        if not lock.exists():
            raise BenchError(f"{self.tool.name} wrote no {self.tool.lockfile} in {self.folder}")
        shutil.copy(lock, self.saved / self.tool.lockfile)
        shutil.copy(self.folder / "package.json", self.saved / "package.json")

    def put_away(self, path):
        """The shell command that moves `path` (if there) into the app's trash, to be
        deleted before the warm scenarios (see SETTLE_S): the runs measure what the tools create,
        not how the file system copes with what was just deleted."""
        return f'{{ [ ! -e {path} ] || mv {path} "$(mktemp -u -p {self.trash})"; }}'

    def prepare(self, scenario):
        """The shell command that sets the project up for one timing run of a scenario."""
        lock = self.tool.lockfile
        # package.json too: the add scenario, which changes it, runs before lockfile only.
        restore_lock = f"cp {self.saved}/{lock} {lock} && cp {self.saved}/package.json package.json"
        no_modules = self.put_away("node_modules")
        no_cache = self.tool.clear_cache(self.put_away)
        steps = {
            "clean": [no_modules, f"rm -f {lock}", no_cache],
            "cache": [no_modules, f"rm -f {lock}"],
            "cache+lockfile": [no_modules, restore_lock],
            "lockfile": [no_modules, no_cache, restore_lock],
            "nothing-to-do": [],
            # node_modules is made afresh from the lockfile: an install after restoring
            # package.json does not prune the added packages with every tool (bun 1.4
            # leaves them, and its add then has nothing to link).
            "add": [no_modules, restore_lock,
                    f"{self.tool.install()} >/dev/null 2>&1"],
        }[scenario]
        return " && ".join([f"cd {self.folder}", *steps]) if steps else None

    def command(self, scenario):
        if scenario == "add":
            return f"cd {self.folder} && {self.tool.add(APPS[self.app][0])}"
        return f"cd {self.folder} && {self.tool.install()}"

    def check_installed(self):
        """BenchError unless every dependency of the app is in node_modules."""
        manifest = json.loads((ROOT / "bench" / "apps" / self.app / "package.json").read_text())
        names = {**manifest.get("dependencies", {}), **manifest.get("devDependencies", {})}
        missing = [n for n in names if not (self.folder / "node_modules" / n / "package.json").exists()]
        if missing:
            raise BenchError(f"{self.tool.name} left {', '.join(missing)} out of {self.folder}/node_modules")


def shell(command, env):
    done = subprocess.run(["sh", "-c", command], env=env, capture_output=True, text=True)
    if done.returncode != 0:
        raise BenchError(f"{command}: exit {done.returncode}\n{(done.stderr or done.stdout).strip()[-3000:]}")


def package_count(folder):
    """Packages in a node_modules tree (folders with a package.json, nested ones included),
    counted the same way for every tool; pnpm's are under node_modules/.pnpm."""
    count = 0
    for manifest in folder.joinpath("node_modules").rglob("package.json"):
        parent = manifest.parent
        if parent.parent.name == "node_modules" or (parent.parent.name.startswith("@")
                                                    and parent.parent.parent.name == "node_modules"):
            if not parent.is_symlink() and not parent.parent.is_symlink():
                count += 1
    return count


def first_install(project, registry):
    """The untimed clean install that opens an app's runs: it proves the tool works here,
    and counts what it asks the registry for. The tool's result, scenarios still empty."""
    tool = project.tool
    result = {"version": tool.version(), "scenarios": {}}
    registry.clear_requests()
    misses_before = len(registry.summary()["misses"])
    shell(project.command("clean"), tool.env())
    project.check_installed()
    project.save()
    result["requests"] = len(registry.requests())
    result["packages"] = package_count(project.folder)
    # A tool that needs something the recording lacks fails above; what is left are
    # guesses (documents fetched ahead on speculation) that came back 404 here.
    result["unrecorded"] = registry.summary()["misses"][misses_before:]
    return result


def time_once(project, key):
    """Seconds one run of scenario `key` takes (hyperfine, one run after the prepare step)."""
    name = f"{project.tool.name} {key}"
    timing = hyperfine({name: project.command(key)}, runs=1, warmup=0, prepare=project.prepare(key),
                       env=project.tool.env())
    return timing[name]["median_s"]


def prepare_once(project, key):
    """Runs scenario `key`'s prepare step for an untimed run."""
    prepare = project.prepare(key)
    if prepare:
        shell(prepare, project.tool.env())


def measure_scenario(projects, key, runs):
    """{tool name: timing} for one scenario. Run r goes round the tools starting from the
    r-th, so each tool follows each other one as often (what the tool before it left
    behind, its writes still going to disk and its trees in the trash, slows down the
    files the next one creates: see SETTLE_S)."""
    times = {name: [] for name in projects}
    errors = {}
    for name, project in projects.items():  # one warm-up each
        try:
            prepare_once(project, key)
            shell(project.command(key), project.tool.env())
        except BenchError as e:
            errors[name] = str(e)
    names = [name for name in projects if name not in errors]
    for run in range(runs):
        start = run % len(names) if names else 0
        for name in names[start:] + names[:start]:
            if name in errors:
                continue
            try:
                times[name].append(time_once(projects[name], key))
            except BenchError as e:
                errors[name] = str(e)
    result = {}
    for name, project in projects.items():
        if name in errors:
            result[name] = {"error": errors[name].splitlines()[0][:300]}
            continue
        timing = summarize_times(times[name])
        try:
            prepare_once(project, key)
            timing["peak_rss_kib"] = peak_rss_kib(project.command(key), env=project.tool.env())
        except BenchError as e:
            timing = {"error": str(e).splitlines()[0][:300]}
        result[name] = timing
    return result


def measure_into(results, projects, key, runs):
    """Measures scenario `key` (measure_scenario) into results[tool]["scenarios"][key],
    printing each tool's median."""
    for name, timing in measure_scenario(projects, key, runs).items():
        results[name]["scenarios"][key] = timing
        print(f"  {name} {key}: " + (f"{timing['median_s']:.3f} s" if "median_s" in timing else timing["error"]),
              flush=True)


def measure_app(app, tools, registry, runs):
    """{tool name: result} for one app: every tool's first install, then each scenario with
    the tools' runs interleaved."""
    results = {}
    projects = {}
    for tool in tools:
        project = Project(app, tool, registry.url)
        project.reset()
        projects[tool.name] = project
    print(f"  waiting {SETTLE_S} s for the file system to forget earlier deletions", flush=True)
    time.sleep(SETTLE_S)
    for name, project in list(projects.items()):
        print(f"bench/run install: {app} with {name}", flush=True)
        try:
            results[name] = first_install(project, registry)
        except BenchError as e:
            results[name] = {"error": str(e)}
            print(f"  {name} fails: {e}", flush=True)
            del projects[name]
    for key in RUN_ORDER:
        if not projects:
            break
        if key in EMPTY_TRASH_BEFORE:
            empty_trash(WORK / "install" / app)
        measure_into(results, projects, key, runs)
    return results


def part_install(options):
    install_toolchain()
    results = {"network": {"latency_ms": options.latency_ms, "bandwidth_mbit": options.bandwidth_mbit},
               "apps": {}}
    with RecordedRegistry(latency_ms=options.latency_ms, bandwidth_mbit=options.bandwidth_mbit) as registry:
        for app in options.apps:
            runs = options.runs or APPS[app][1]
            tools = make_tools(options.tools, WORK / "install" / app)
            app_result = {"add": APPS[app][0], "date": datetime.date.today().isoformat(), "runs": runs,
                          "interleaved": True, "network": results["network"],
                          "tools": measure_app(app, tools, registry, runs)}
            for tool in tools:
                shutil.rmtree(tool.home.parent, ignore_errors=True)  # alotta-packages is 1.2 GB a tool
            shutil.rmtree(trash_of(WORK / "install" / app), ignore_errors=True)
            results["apps"][app] = app_result
    return results


def failure_line(error):
    """The line of a failed command's output that says what went wrong."""
    lines = str(error).splitlines()
    said = [line.strip() for line in lines[1:] if "rror" in line and not line.strip().startswith("at ")]
    return (said[0] if said else lines[-1])[:300]


def part_record(options):
    """Installs every app with every tool through a recording proxy of the real registry."""
    install_toolchain()
    upstream = upstream_registry()
    summary = {}
    failures = {}
    with RecordedRegistry(upstream=upstream) as registry:
        for app in options.apps:
            for tool in make_tools(options.tools, WORK / "record" / app):
                print(f"bench/run record: {app} with {tool.name}", flush=True)
                project = Project(app, tool, registry.url)
                project.reset()
                # A tool that cannot install an app from the registry itself (yarn 1 and
                # an optional dependency the registry lacks) fails here and in `install`
                # alike; the others' recording goes on.
                try:
                    shell(project.command("clean"), tool.env())
                    shell(project.command("add"), tool.env())
                except BenchError as e:
                    failures[f"{app} {tool.name}"] = failure_line(e)
                    print(f"  {tool.name} fails: {failures[f'{app} {tool.name}']}", flush=True)
                shutil.rmtree(tool.home.parent, ignore_errors=True)
        summary = registry.summary()
    return {"fetched": summary["fetched"], "folder": summary["folder"], "failures": failures}
