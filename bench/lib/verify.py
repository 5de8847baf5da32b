"""bench/run verify: the check, outside the test suite (it needs the recorded registry of
real packages), that what lode installs works with the real tools.
Each app of bench/apps (sources included) is installed by lode from the recorded registry,
then `npm ls --all` must accept the tree and the app's own tools must run: TypeScript's
build, Vite's production build and ESLint for the web app, Jest with Supertest for the
API. Nothing is timed here; a failing check fails the part."""
import os
import shutil
import subprocess
import time

from common import BenchError, WORK, ROOT, lode
from recorded import RecordedRegistry

# Per app: (label, shell command run in the installed project). `lode x` runs the
# project's own copy of a tool; `lode run` the app's package.json scripts (with node).
CHECKS = {
    "web": [("tsc --version", "{lode} x tsc --version"),
            ("typecheck and production build (tsc -b && vite build)", "{lode} run build"),
            ("eslint", "{lode} run lint")],
    "api": [("jest --version", "{lode} x jest --version"),
            ("jest + supertest suite", "{lode} run test")],
    "alotta-packages": [("jest --version", "{lode} x jest --version"),
                        ("vite --version", "{lode} x vite --version"),
                        ("webpack's API loads", "node -e \"require('webpack'); console.log('ok')\"")],
}


CHECK_TIMEOUT_S = 300


def _text(captured):
    """What a timed-out command wrote (bytes or str, whatever subprocess kept)."""
    return captured.decode(errors="replace") if isinstance(captured, bytes) else (captured or "")


def check(command, cwd, env):
    started = time.monotonic()
    try:
        done = subprocess.run(["sh", "-c", command], cwd=cwd, env=env, capture_output=True, text=True,
                              timeout=CHECK_TIMEOUT_S)
    except subprocess.TimeoutExpired as e:
        output = (_text(e.stdout) + _text(e.stderr)).strip()
        return {"command": command.replace(str(lode()), "lode"), "ok": False, "seconds": CHECK_TIMEOUT_S,
                "said": f"timed out after {CHECK_TIMEOUT_S} s", "output": output[-3000:]}
    output = (done.stdout + done.stderr).strip()
    # What the tool itself ends with: its last line on stdout (notices go to stderr).
    said = (done.stdout.strip() or done.stderr.strip()).splitlines()
    result = {"command": command.replace(str(lode()), "lode"), "ok": done.returncode == 0,
              "seconds": round(time.monotonic() - started, 2), "said": said[-1].strip()[:160] if said else ""}
    if done.returncode != 0:
        result["output"] = output[-3000:]
    return result


def part_verify(options):
    home = WORK / "verify" / "home"
    shutil.rmtree(WORK / "verify", ignore_errors=True)
    home.mkdir(parents=True)
    env = {k: v for k, v in os.environ.items() if not k.startswith(("npm_", "NPM_"))}
    env.update({"HOME": str(home), "NO_COLOR": "1", "XDG_CACHE_HOME": str(home / ".cache")})
    apps = {}
    with RecordedRegistry() as registry:
        for app in options.apps:
            print(f"bench/run verify: {app}", flush=True)
            project = WORK / "verify" / app
            shutil.copytree(ROOT / "bench" / "apps" / app, project)
            (project / ".npmrc").write_text(f"registry={registry.url}\n")
            installed = check(f"{lode()} install --cache {WORK / 'verify' / 'cache'}", project, env)
            if not installed["ok"]:
                raise BenchError(f"lode install of {app} failed:\n{installed.get('output', '')}")
            checks = [("npm ls --all accepts the tree", "npm ls --all")] + CHECKS.get(app, [])
            results = []
            for label, command in checks:
                result = {"label": label, **check(command.format(lode=lode()), project, env)}
                print(f"  {'ok  ' if result['ok'] else 'FAIL'} {label} ({result['seconds']} s)", flush=True)
                results.append(result)
            apps[app] = {"install": installed["said"], "checks": results}
    failed = [f"{app}: {c['label']}" for app, a in apps.items() for c in a["checks"] if not c["ok"]]
    if failed:
        for app, a in apps.items():
            for c in a["checks"]:
                if not c["ok"]:
                    print(f"--- {app}: {c['label']} ({c['command']})\n{c['output']}", flush=True)
        raise BenchError("checks failed: " + "; ".join(failed))
    return {"apps": apps}


def render_verify(result):
    lines = ["Each app is installed by lode from the recorded registry, then checked with the tools "
             "themselves (`bench/run verify`; nothing here is timed):", "",
             "| app | check | command | result |", "|---|---|---|---|"]
    for app, a in result["apps"].items():
        for c in a["checks"]:
            said = c["said"].replace("|", "\\|")
            lines.append(f"| {app} | {c['label']} | `{c['command']}` | {'ok' if c['ok'] else 'fails'}: {said} |")
    lines += ["", "Installs: " + "; ".join(f"{app}: {a['install']}" for app, a in result["apps"].items()) + "."]
    return "\n".join(lines)
