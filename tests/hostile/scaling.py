#!/usr/bin/env python3
"""Time and memory bounded by the input: each pathological input is run at
n and at 4n; the CPU time of the larger may be at most 8 times the smaller's
(linear gives 4, quadratic 16), and the peak memory at most 20 times the
input's size + 50 MB. CPU time and memory come from the operating system's
accounting of each process (wait4), not from the wall clock of a loaded
machine.

Usage: scaling.py PARX_BINARY"""
import os
import subprocess
import sys
import tempfile

ROW = "TT\tNội dung\tCơ quan chủ trì\n"
INPUTS = {
    # a line repeating a labelled code: each label's title search once ran to the line's end
    "labels": (25000, lambda n: "TCTP 1.2.3 " * n + "\n"),
    "labels-paren": (25000, lambda n: "Tiêu chí 1.2.3 (" * n + "\n"),
    # a task table with an empty agency column: each row once looked back over every task
    "rows-without-agency": (25000, lambda n: ROW + "".join(f"{i}\tViệc {i}\t\n" for i in range(n))),
    # score statements on one line: each reason search once measured the whole line
    "scores-line": (15000, lambda n: "Tiêu chí 1.1 đạt 0,5/1 điểm; " * n + "\n"),
    "deductions-line": (15000, lambda n: "bị trừ 1 điểm tại TCTP 1.2.2 vì chậm; " * n + "\n"),
    # a scored field with deductions at named criteria: each once looked back to the line's start
    "scored-deductions-line": (10000, lambda n: "Lĩnh vực 3 đạt 5/6 điểm; bị trừ 1 điểm tại TCTP 1.2.2; " * n + "\n"),
    "dates-line": (10000, lambda n: "a) Sở Nội vụ\n- Làm " + "trước ngày 15/11/2022, " * n + "\n"),
    "agencies-line": (10000, lambda n: "Sở Nội vụ, " * n + "chủ trì thực hiện.\n"),
    # an index's sentence of compared values in parentheses: each parenthesis once
    # looked for a group's average from the sentence's start
    "compared-parentheses": (10000, lambda n: "Chỉ số CCHC năm 2023 đạt 85%, "
                             + "tăng 1% so với năm 2022 (81%), " * n + "\n"),
    # a paragraph closing many parentheses: each trimmed ')' once searched for its '('
    "closing-parentheses": (25000, lambda n: "Lĩnh vực 1 đạt 5/6 điểm do chậm " + ")" * n + "\n"),
    # HTML tables in text: tables never closed (each once searched the rest of
    # the text for its end), rows never closed, cells never closed
    "html-tables-unclosed": (25000, lambda n: "<table>\n" * n),
    "html-rows-unclosed": (25000, lambda n: "<table>\n" + "<tr><td>1<td>Việc\n" * n + "</table>\n"),
    "html-cells-unclosed": (25000, lambda n: "<table><tr>" + "<td>ô " * n + "</tr></table>\n"),
    # a grid table's row wrapped over every line, in one cell and across columns
    "grid-row-lines": (25000, lambda n: "+---+---+\n" + "| ô | việc |\n" * n + "+---+---+\n"),
    # rules of dashes: each once may look ahead for its table's end or header
    "dash-rules": (25000, lambda n: "  -- --\n  ab cd\n" * n),
    "dash-rule-unclosed": (25000, lambda n: "  -- --\n" + "  ab cd\n" * n),
    "dash-top-rules": (25000, lambda n: "  -----\n  ab cd\n  ab cd\n" * n),
    # short lines all going on in lower case: tidy once copied the paragraph at each join
    "lower-case-lines": (25000, lambda n: "  ab cd\n" * n),
    # a wrapped text: every line ran to the width and goes on
    "wrapped-lines": (25000, lambda n: "chủ trì phối hợp thực hiện các nhiệm vụ cải cách hành chính của tỉnh\n" * n),
}
RATIO = 8
FLOOR = 0.05  # seconds: below it, a run's CPU time is noise


def run(binary, path):
    """CPU seconds and peak resident bytes of one extraction."""
    p = subprocess.Popen([binary, "extract", path], stdout=subprocess.DEVNULL,
                         stderr=subprocess.DEVNULL)
    _, status, ru = os.wait4(p.pid, 0)
    p.returncode = os.waitstatus_to_exitcode(status)
    return ru.ru_utime + ru.ru_stime, ru.ru_maxrss * 1024, p.returncode


def sanitized(binary):
    r = subprocess.run(["ldd", binary], capture_output=True)
    return b"libasan" in r.stdout


def main():
    binary = sys.argv[1]
    check_memory = not sanitized(binary)  # AddressSanitizer's shadow memory is no parx memory
    failures = 0
    with tempfile.TemporaryDirectory() as tmp:
        for name, (n, make) in INPUTS.items():
            figures = []
            for size in (n, 4 * n):
                path = os.path.join(tmp, f"{name}-{size}.txt")
                with open(path, "w", encoding="utf-8") as f:
                    f.write(make(size))
                cpu, rss, rc = run(binary, path)
                figures.append((os.path.getsize(path), cpu, rss, rc))
            (b1, t1, m1, rc1), (b4, t4, m4, rc4) = figures
            ratio = t4 / max(t1, FLOOR)
            problems = []
            if rc1 not in (0, 1) or rc4 not in (0, 1):
                problems.append(f"exit {rc1}/{rc4}")
            if ratio > RATIO:
                problems.append(f"4n took {ratio:.1f}x the time of n (at most {RATIO})")
            if check_memory and m4 > 20 * b4 + (50 << 20):
                problems.append(f"{m4 >> 20} MB for {b4 >> 10} KB of input")
            print(f"{'FAIL' if problems else 'ok  '} {name}: n {b1 >> 10} KB {t1:.2f} s, "
                  f"4n {b4 >> 10} KB {t4:.2f} s {m4 >> 20} MB" +
                  (": " + "; ".join(problems) if problems else ""))
            failures += bool(problems)
    print(f"{len(INPUTS) - failures} passed, {failures} failed")
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
