"""The package managers lode is measured against, pinned in bench/toolchain/package.json
and installed into bench/tools/ (git-ignored) with the npm on the machine, and how each one
is told to install, add and run with scripts off, its own cache, and a home of its own."""
import json
import os
import pathlib
import shutil
import subprocess

from common import BenchError, ROOT, WORK, lode, run

TOOLCHAIN = ROOT / "bench" / "toolchain" / "package.json"
TOOLS = ROOT / "bench" / "tools"


def install_toolchain():
    """Installs the pinned tools into bench/tools unless they are there already."""
    wanted = TOOLCHAIN.read_text()
    installed = TOOLS / "package.json"
    if installed.exists() and installed.read_text() == wanted and (TOOLS / "node_modules" / ".bin").is_dir():
        return
    TOOLS.mkdir(parents=True, exist_ok=True)
    installed.write_text(wanted)
    # bun's package fetches its binary from an optional per-platform package: no scripts needed.
    done = subprocess.run(["npm", "install", "--no-audit", "--no-fund", "--no-package-lock", "--loglevel=error"],
                          cwd=TOOLS, capture_output=True, text=True)
    if done.returncode != 0:
        raise BenchError(f"installing the toolchain in {TOOLS} failed:\n{done.stderr.strip()[-2000:]}")


class Tool:
    """One package manager: commands are shell strings run in the project folder."""

    name = ""
    lockfile = ""

    def __init__(self, work):
        self.home = work / self.name / "home"  # HOME, so no user config or cache leaks in
        self.cache = work / self.name / "cache"

    def executable(self):
        return str(TOOLS / "node_modules" / ".bin" / self.name)

    def version(self):
        return run([self.executable(), "--version"], env=self.env()).strip().lstrip("v")

    def env(self):
        env = {k: v for k, v in os.environ.items() if not k.startswith(("npm_", "NPM_", "PNPM_", "BUN_", "YARN_"))}
        env.update({"HOME": str(self.home), "XDG_CACHE_HOME": str(self.home / ".cache"),
                    "XDG_DATA_HOME": str(self.home / ".local/share"), "XDG_CONFIG_HOME": str(self.home / ".config"),
                    "XDG_STATE_HOME": str(self.home / ".local/state"), "NO_COLOR": "1"})
        env.pop("CI", None)  # some tools change their defaults on CI
        return env

    def clear_cache(self, put_away):
        """The shell command that empties the tool's cache and home folder; put_away(path)
        is the command that takes one folder out of the way."""
        return f"{put_away(self.cache)} && {put_away(self.home)} && mkdir -p {self.home}"

    def install(self):
        raise NotImplementedError

    def add(self, spec):
        raise NotImplementedError

    def run_script(self, script):
        return f"{self.executable()} run {script}"

    def exec_package(self, package, command):
        """Runs `command` from `package` without adding it to a project (npx and kin);
        None when the tool has no such command."""
        return None


class Lode(Tool):
    name = "lode"
    lockfile = "lode.lock"

    def executable(self):
        return str(lode())

    def version(self):
        # "lode 0.1.0 (V8 10.2.154.26)": the second word is lode's own version.
        return run([self.executable(), "--version"]).split()[1]

    def install(self):
        return f"{self.executable()} install --ignore-scripts --silent --cache {self.cache}"

    def add(self, spec):
        return f"{self.executable()} add {spec} --ignore-scripts --silent --cache {self.cache}"

    def exec_package(self, package, command):
        return f"{self.executable()} x --cache {self.cache} -p {package} {command}"


class Npm(Tool):
    name = "npm"
    lockfile = "package-lock.json"

    def executable(self):
        return shutil.which("npm")

    def flags(self):
        return f"--ignore-scripts --no-audit --no-fund --loglevel=error --cache {self.cache}"

    def install(self):
        return f"{self.executable()} install {self.flags()}"

    def add(self, spec):
        return f"{self.executable()} install {spec} {self.flags()}"

    def exec_package(self, package, command):
        return f"{shutil.which('npx')} --yes --cache {self.cache} -p {package} {command}"


class Pnpm(Tool):
    name = "pnpm"
    lockfile = "pnpm-lock.yaml"

    def flags(self):
        return (f"--ignore-scripts --reporter=silent --store-dir {self.cache}/store --cache-dir {self.cache}/metadata "
                "--config.confirmModulesPurge=false")

    def install(self):
        return f"{self.executable()} install {self.flags()}"

    def add(self, spec):
        return f"{self.executable()} add {spec} {self.flags()}"

    def exec_package(self, package, command):
        return f"{self.executable()} --package={package} dlx {command}"


class Bun(Tool):
    name = "bun"
    lockfile = "bun.lock"

    def env(self):
        return {**super().env(), "BUN_INSTALL_CACHE_DIR": str(self.cache)}

    def install(self):
        return f"{self.executable()} install --ignore-scripts --silent"

    def add(self, spec):
        return f"{self.executable()} add {spec} --ignore-scripts --silent"

    def exec_package(self, package, command):
        return f"{self.executable()} x --package {package} {command}"


class Yarn(Tool):
    name = "yarn"
    lockfile = "yarn.lock"

    def flags(self):
        return f"--ignore-scripts --non-interactive --no-progress --silent --cache-folder {self.cache}"

    def install(self):
        return f"{self.executable()} install {self.flags()}"

    def add(self, spec):
        return f"{self.executable()} add {spec} {self.flags()}"


ALL = {tool.name: tool for tool in (Lode, Npm, Pnpm, Bun, Yarn)}


def make_tools(names, work=WORK):
    unknown = [n for n in names if n not in ALL]
    if unknown:
        raise BenchError(f"unknown tool {', '.join(unknown)} (tools: {', '.join(ALL)})")
    return [ALL[name](work) for name in names]
