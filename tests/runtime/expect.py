#!/usr/bin/env python3
"""Runs one JavaScript file with lode and checks what it printed and its exit status
against the expectations in the file's leading block comment:

    /* expect
    status: 1
    stdout:
    first line
    second line
    stderr-has: TypeError: boom
    stderr-lacks: unreachable
    stdin: text fed to the script
    args: --flag value
    */

`stdout:` takes every following line up to the next key or the end of the block and
must match exactly. Usage: expect.py <lode> <file.js>. Exit 0 on success.
"""
import os
import re
import subprocess
import sys

KEYS = ("status:", "stdout:", "stderr-has:", "stderr-lacks:", "stdin:", "args:", "stdout-has:", "env:")


def parse(path):
    text = open(path, encoding="utf-8").read()
    match = re.search(r"/\* expect\n(.*?)\*/", text, re.S)
    if not match:
        sys.exit(f"{path}: no /* expect ... */ block")
    spec = {"status": 0, "stdout": None, "stderr-has": [], "stderr-lacks": [], "stdout-has": [], "stdin": "",
            "args": [], "env": {}}
    lines = match.group(1).split("\n")
    i = 0
    while i < len(lines):
        line = lines[i]
        if line.startswith("status:"):
            spec["status"] = int(line.split(":", 1)[1])
        elif line.startswith("stdout:"):
            block = []
            i += 1
            while i < len(lines) and not lines[i].startswith(KEYS):
                block.append(lines[i])
                i += 1
            while block and block[-1] == "":
                block.pop()
            spec["stdout"] = "\n".join(block) + ("\n" if block else "")
            continue
        elif line.startswith(("stderr-has:", "stderr-lacks:", "stdout-has:")):
            key, value = line.split(":", 1)
            spec[key].append(value.strip())
        elif line.startswith("stdin:"):
            spec["stdin"] = line.split(":", 1)[1].strip().replace("\\n", "\n")
        elif line.startswith("args:"):
            spec["args"] = line.split(":", 1)[1].split()
        elif line.startswith("env:"):
            name, value = line.split(":", 1)[1].strip().split("=", 1)
            spec["env"][name] = value.replace("$FIXTURES", os.path.join(os.path.dirname(os.path.abspath(path)), "..", "..", "fixtures", "modules"))
        i += 1
    return spec


def main():
    lode, path = os.path.abspath(sys.argv[1]), os.path.abspath(sys.argv[2])
    spec = parse(path)
    env = dict(os.environ)
    env.update(spec["env"])
    result = subprocess.run([lode, path, *spec["args"]], input=spec["stdin"], capture_output=True, text=True,
                            timeout=60, env=env, cwd=os.path.dirname(os.path.abspath(path)))
    problems = []
    if result.returncode != spec["status"]:
        problems.append(f"exit status {result.returncode}, expected {spec['status']}")
    if spec["stdout"] is not None and result.stdout != spec["stdout"]:
        problems.append(f"stdout differs:\n--- expected\n{spec['stdout']}--- got\n{result.stdout}---")
    for needle in spec["stdout-has"]:
        if needle not in result.stdout:
            problems.append(f"stdout lacks {needle!r}")
    for needle in spec["stderr-has"]:
        if needle not in result.stderr:
            problems.append(f"stderr lacks {needle!r}")
    for needle in spec["stderr-lacks"]:
        if needle in result.stderr:
            problems.append(f"stderr has {needle!r}")
    if problems:
        print(f"{path}:\n" + "\n".join(problems))
        print(f"--- stdout\n{result.stdout}--- stderr\n{result.stderr}---")
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
