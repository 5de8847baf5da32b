"""bench/run verify: the check, outside the test suite (it needs the recorded registry of
real packages), that what lode installs works with the real tools.
Each app of bench/apps (sources included) is installed by lode from the recorded registry,
then `npm ls --all` must accept the tree and the app's own tools must run: TypeScript's
build, Vite's production build and ESLint for the web app, Jest with Supertest for the
API. Nothing is timed here; a failing check fails the part.
npm's own tree of alotta-packages fails `npm ls --all` (peer ranges nothing satisfies, and
extraneous folders), so the tree check lets through exactly one kind of problem: a peer
whose range the installed version misses, when lode's install warned about that peer."""
import json
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
    result["output"] = output if done.returncode == 0 else output[-3000:]
    return result


def _invalid_edges(tree):
    """(name, version, spec, dependent folder) of every edge `npm ls --json` calls invalid."""
    found = set()
    pending = [tree]
    while pending:
        node = pending.pop()
        for name, child in (node.get("dependencies") or {}).items():
            invalid = child.get("invalid")
            if invalid and " from " in invalid:
                spec, dependent = invalid.rsplit(" from ", 1)
                found.add((name, child.get("version", ""), json.loads(spec) if spec.startswith('"') else spec,
                           dependent))
            pending.append(child)
    return sorted(found)


def check_tree(project, env, install_output):
    """`npm ls --all`, passing when npm finds nothing wrong or only peers lode warned about."""
    started = time.monotonic()
    done = subprocess.run(["npm", "ls", "--all", "--json"], cwd=project, env=env, capture_output=True, text=True,
                          timeout=CHECK_TIMEOUT_S)
    result = {"command": "npm ls --all", "ok": done.returncode == 0, "seconds": round(time.monotonic() - started, 2),
              "said": "exit 0"}
    if result["ok"]:
        return result
    try:
        tree = json.loads(done.stdout)
    except ValueError:
        return {**result, "said": f"exit {done.returncode}", "output": (done.stdout + done.stderr)[-3000:]}
    problems = tree.get("problems") or []
    wrong = [p for p in problems if not p.startswith("invalid: ")]
    peers = []
    for name, version, spec, dependent in _invalid_edges(tree):
        manifest = json.loads((project / dependent / "package.json").read_text())
        regular = any(name in (manifest.get(kind) or {}) for kind in ("dependencies", "optionalDependencies"))
        warned = f"needs peer {name}@{spec}, but {name}@{version} is installed" in install_output
        if regular or name not in (manifest.get("peerDependencies") or {}) or not warned:
            wrong.append(f"{name}@{version} does not satisfy {spec} from {dependent}"
                         + ("" if regular or warned else " (and lode did not warn)"))
        else:
            peers.append(name)
    result["ok"] = not wrong
    result["said"] = (f"{len(peers)} peer(s) outside their range, each one warned about by lode install; "
                      "every regular dependency valid, nothing missing or extraneous" if not wrong
                      else "; ".join(wrong)[:300])
    result["output"] = "\n".join(problems)
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
            results = [{"label": "npm ls --all accepts the tree", **check_tree(project, env, installed["output"])}]
            print(f"  {'ok  ' if results[0]['ok'] else 'FAIL'} {results[0]['label']}: {results[0]['said']}", flush=True)
            for label, command in CHECKS.get(app, []):
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
    for a in apps.values():
        for c in a["checks"]:
            c.pop("output", None)
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
