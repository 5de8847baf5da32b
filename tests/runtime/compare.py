#!/usr/bin/env python3
"""Runs one JavaScript file with node and with lode and checks that they behave the same:
the same exit status, stdout and stderr once the parts that name the runtime's own
internals are set aside: stack frames inside built-in code (`at ... (node:...)`),
node's "Node.js vX" trailer, its --trace hints, the source position of errors thrown
inside built-in code, and process ids in warnings.

A file can narrow the comparison with a comment on its first line:
    // compare: stdout          compare stdout and exit status only

Usage: compare.py <lode> <file>. Exits 77 (skipped) when node is not on PATH.
"""
import os
import re
import shutil
import subprocess
import sys


INTERNAL_FRAME = re.compile(r"^\s+at (.*\()?node:")


def normalize_stdout(text):
    return "\n".join(line for line in text.split("\n") if not INTERNAL_FRAME.match(line))


def normalize_stderr(text):
    lines = []
    for line in text.split("\n"):
        if INTERNAL_FRAME.match(line) or line.startswith("Node.js v"):
            continue
        if line.startswith("(Use `node --trace") or line.startswith("(Use `lode --trace"):
            continue
        lines.append(line)
    text = "\n".join(lines)
    # Errors thrown by built-in code point into the runtime's own sources.
    text = re.sub(r"(?m)^node:internal/[^\n]*\n[^\n]*\n[ \t]*\^+\n\n?", "", text)
    text = re.sub(r"\((node|lode):\d+\)", "(PID)", text)
    return text.strip()


def run(argv, path):
    env = dict(os.environ)
    env.pop("NODE_OPTIONS", None)
    return subprocess.run(argv + [path], capture_output=True, text=True, timeout=60, env=env,
                          cwd=os.path.dirname(os.path.abspath(path)))


def main():
    lode, path = os.path.abspath(sys.argv[1]), os.path.abspath(sys.argv[2])
    node = shutil.which("node")
    if node is None or os.path.realpath(node) == os.path.realpath(lode):
        print("node is not installed: skipping")
        return 77
    first = open(path, encoding="utf-8").readline()
    stdout_only = "compare: stdout" in first
    expected = run([node], path)
    actual = run([lode], path)
    problems = []
    if expected.returncode != actual.returncode:
        problems.append(f"exit status: node {expected.returncode}, lode {actual.returncode}")
    if normalize_stdout(expected.stdout) != normalize_stdout(actual.stdout):
        problems.append(f"stdout differs:\n--- node\n{expected.stdout}--- lode\n{actual.stdout}---")
    if not stdout_only:
        a, b = normalize_stderr(expected.stderr), normalize_stderr(actual.stderr)
        if a != b:
            problems.append(f"stderr differs (normalized):\n--- node\n{a}\n--- lode\n{b}\n---")
    if problems:
        print(f"{path}:\n" + "\n".join(problems))
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
