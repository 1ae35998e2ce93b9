#!/usr/bin/env python3
"""Every input that once broke parx (fuzzing findings and bug reports),
run again: no crash, no sanitizer report, no hang, and a clean exit.

    run.py PARX_BINARY

Each file of this directory (but README.md and this script) is given to
`parx extract` and `parx text`; it must exit 0 with a JSON record (or the
text), or 1 with a message on standard error that names the file. A
`.rules` file is given with `--rules` while extracting
examples/ke-hoach-mau.txt, and may also exit 2 (a bad rule file), naming
itself. A signal, another exit code, a sanitizer's report or the time
limit fails, and so does standard error holding anything but parx's own
lines (the library prints nothing; a library under it that prints is
caught here). README.md says where each input comes from.
"""
import json
import os
import subprocess
import sys

HERE = os.path.dirname(os.path.abspath(__file__))
EXAMPLE = os.path.join(HERE, "..", "..", "examples", "ke-hoach-mau.txt")
LIMIT_SECONDS = 120  # sanitizer builds are slow; this catches hangs only
SANITIZER_MARKS = ("runtime error:", "Sanitizer", "==ERROR", "SUMMARY:")


def runs(path):
    """(command, exit codes allowed, what the output is) for one input."""
    if path.endswith(".rules"):
        return [(["extract", "--rules", path, EXAMPLE], (0, 2), "json")]
    return [(["extract", path], (0, 1), "json"), (["text", path], (0, 1), "text")]


def check(parx, path):
    failures = []
    for args, allowed, kind in runs(path):
        what = "parx " + " ".join(os.path.relpath(a) if os.path.isabs(a) else a for a in args)
        try:
            p = subprocess.run([parx] + args, capture_output=True, timeout=LIMIT_SECONDS)
        except subprocess.TimeoutExpired:
            failures.append(f"{what}: still running after {LIMIT_SECONDS} s")
            continue
        err = p.stderr.decode("utf-8", "replace")
        if p.returncode < 0 or p.returncode not in allowed:
            failures.append(f"{what}: exit status {p.returncode}\n{err[-2000:]}")
        elif any(mark in err for mark in SANITIZER_MARKS):
            failures.append(f"{what}: sanitizer report\n{err[-2000:]}")
        elif any(line and not line.startswith("parx") for line in err.splitlines()):
            # the library prints nothing: what a library under it prints is a finding too
            failures.append(f"{what}: standard error holds more than parx's messages\n{err[-2000:]}")
        elif p.returncode and path not in err:
            failures.append(f"{what}: exit {p.returncode} without naming the file: {err[:300]!r}")
        elif p.returncode == 0 and kind == "json":
            try:
                json.loads(p.stdout)
            except ValueError as e:
                failures.append(f"{what}: standard output is not JSON ({e})")
    return failures


def main():
    parx = sys.argv[1]
    names = sorted(n for n in os.listdir(HERE) if n not in ("README.md", "run.py"))
    failed = 0
    for name in names:
        failures = check(parx, os.path.join(HERE, name))
        print(("FAIL " if failures else "ok   ") + name)
        for f in failures:
            print("  " + f.replace("\n", "\n  "))
        failed += bool(failures)
    print(f"{len(names) - failed}/{len(names)} regression inputs pass")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
