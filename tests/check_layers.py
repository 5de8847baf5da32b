#!/usr/bin/env python3
"""Checks the layer rule: base -> registry, cache -> resolver -> runtime -> cli.

A file may include headers of its own layer and of layers to its left only; V8 headers
appear only in runtime/ (so nothing else pays for them at compile time, and the `lode`
executable never links libnode). Prints each violation as file:line and exits 1.
"""
import pathlib
import re
import sys

ALLOWED = {
    "base": {"base"},
    "registry": {"base", "registry"},
    "cache": {"base", "cache"},
    "resolver": {"base", "registry", "cache", "resolver"},
    "runtime": {"base", "registry", "cache", "resolver", "runtime"},
    "cli": {"base", "registry", "cache", "resolver", "runtime", "cli"},
}
PROJECT_INCLUDE = re.compile(r'^\s*#\s*include\s+"([a-z_]+)/')
V8_INCLUDE = re.compile(r'^\s*#\s*include\s+[<"](v8[^>"]*|libplatform/[^>"]*|node\.h)[>"]')


def main() -> int:
    root = pathlib.Path(sys.argv[1] if len(sys.argv) > 1 else ".")
    problems = []
    checked = 0
    for layer, allowed in ALLOWED.items():
        for path in sorted((root / layer).rglob("*")):
            if path.suffix not in {".h", ".cpp", ".cc"}:
                continue
            checked += 1
            for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
                match = PROJECT_INCLUDE.match(line)
                if match and match.group(1) in ALLOWED and match.group(1) not in allowed:
                    problems.append(f"{path.relative_to(root)}:{number}: {layer}/ may not include "
                                    f"{match.group(1)}/ (layers run base -> registry, cache -> "
                                    f"resolver -> runtime -> cli)")
                if V8_INCLUDE.match(line) and layer != "runtime":
                    problems.append(f"{path.relative_to(root)}:{number}: V8 headers belong in runtime/ only")
    for problem in problems:
        print(problem)
    print(f"layers: {checked} files checked, {len(problems)} violations")
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main())
