#!/usr/bin/env python3
"""The targets of issue 12, measured in one run (standard library only):

  - text throughput on one thread over one input of at least 50 MB (the
    corpus's plans repeated), against bench/peer.py on the same file;
  - peak memory on that text and on each DOCX and PDF of the corpus, against
    4 x the input + 20 MB;
  - start-up: a one-line text, median of 20 runs.

Prints figures and asserts nothing; exit 2 only when it cannot run.

    python3 bench/targets.py [PARX] [--mb 50] [--runs 3]
"""

import argparse
import glob
import os
import statistics
import sys
import tempfile

import peak

MB = 1_000_000
HERE = os.path.dirname(os.path.abspath(__file__))
REPO = os.path.dirname(HERE)


def run(argv, memory=True):
    """Runs argv with no output: (wall seconds, CPU seconds, peak RSS in bytes, status)."""
    return peak.measure(argv, memory=memory)[:4]


def best(argv, runs):
    """The fastest of `runs` runs (the least disturbed by other work on the machine)."""
    return min((run(argv) for _ in range(runs)), key=lambda r: r[0])


def big_text(corpus, directory, size):
    plans = sorted(glob.glob(os.path.join(corpus, "txt", "*.txt")))
    if not plans:
        sys.exit(f"targets: no plans in {corpus}/txt")
    text = b"".join(open(p, "rb").read() + b"\n" for p in plans)
    path = os.path.join(directory, "plans.txt")
    with open(path, "wb") as f:
        for _ in range(size // len(text) + 1):
            f.write(text)
    return path


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("parx", nargs="?", default=os.path.join(REPO, "build", "parx"))
    ap.add_argument("--corpus", default=os.environ.get("PARX_CORPUS",
                                                       os.path.join(REPO, "..", "shared", "corpus")))
    ap.add_argument("--mb", type=int, default=50)
    ap.add_argument("--runs", type=int, default=3)
    a = ap.parse_args()
    if not os.access(a.parx, os.X_OK):
        print(f"targets: no parx binary at {a.parx}", file=sys.stderr)
        return 2
    print(f"parx {a.parx}; load average {os.getloadavg()[0]:.2f}; best of {a.runs} runs")
    with tempfile.TemporaryDirectory() as tmp:
        text = big_text(a.corpus, tmp, a.mb * MB)
        size = os.path.getsize(text)
        rows = []
        wall, cpu, rss, _ = best([a.parx, "extract", "-j", "1", text, "-o", os.devnull], a.runs)
        parx_speed = size / MB / wall
        rows.append(("extract, one thread", f"{parx_speed:.1f} MB/s", f"cpu {size / MB / cpu:.1f} MB/s",
                     ">= 50 MB/s", parx_speed >= 50))
        pw, pcpu, _, _ = best([sys.executable, os.path.join(HERE, "peer.py"), text], a.runs)
        peer_speed = size / MB / pw
        rows.append(("python regex peer (bench/peer.py)", f"{peer_speed:.1f} MB/s",
                     f"cpu {size / MB / pcpu:.1f} MB/s", "", None))
        rows.append(("parx / peer", f"{parx_speed / peer_speed:.2f}x",
                     f"cpu {pcpu / cpu:.2f}x", ">= 3x", parx_speed / peer_speed >= 3))
        tw, _, _, _ = best([a.parx, "text", text, "-o", os.devnull], a.runs)
        rows.append(("text (read and normalise)", f"{size / MB / tw:.1f} MB/s", "", "", None))
        limit = 4 * size + 20 * MB
        rows.append((f"peak memory, {size / MB:.0f} MB text", f"{rss / MB:.0f} MB",
                     f"{rss / size:.1f} x input", f"<= {limit / MB:.0f} MB", rss <= limit))
        tiny = os.path.join(tmp, "tiny.txt")
        with open(tiny, "w", encoding="utf-8") as f:
            f.write("KẾ HOẠCH Nâng cao Chỉ số cải cách hành chính năm 2024\n")
        run([a.parx, "extract", tiny, "-o", os.devnull])  # warm the page cache
        startup = statistics.median(run([a.parx, "extract", tiny, "-o", os.devnull], memory=False)[0]
                                    for _ in range(20)) * 1000
        rows.append(("start-up (median of 20)", f"{startup:.1f} ms", "", "<= 10 ms", startup <= 10))
    docs = sorted(glob.glob(os.path.join(a.corpus, "docx", "*.docx")) +
                  glob.glob(os.path.join(a.corpus, "pdf", "*.pdf")))
    for doc in docs:
        _, _, rss, status = run([a.parx, "extract", doc, "-o", os.devnull])
        n = os.path.getsize(doc)
        limit = 4 * n + 20 * MB
        rows.append((f"peak memory, {os.path.basename(doc)}", f"{rss / MB:.1f} MB",
                     "" if status == 0 else f"exit {status}", f"<= {limit / MB:.1f} MB", rss <= limit))
    print(f"{'measure':40} {'figure':>12} {'':>18} {'target':>12}  meets")
    for name, figure, note, target, ok in rows:
        meets = "" if ok is None else "yes" if ok else "NO"
        print(f"{name:40} {figure:>12} {note:>18} {target:>12}  {meets}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
