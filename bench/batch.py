#!/usr/bin/env python3
"""parx batch figures: documents per second with one and two worker
processes, the cost of process isolation against `parx extract -j` threads
on the same files, and the peak memory of a worker. Asserts nothing.

    bench/batch.py [PARX_BINARY]      (default: build/parx under the repository)

The corpus plans ($PARX_CORPUS, else ../shared/corpus) are replicated to
$PARX_BENCH_FILES files per format (default 1000), each copy made distinct
(a line of text, a PDF comment after %%EOF, an extra ZIP member) so that
duplicate detection does not skip them. Runs: $PARX_BENCH_RUNS (default 3),
the median is reported."""
import os
import re
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
import zipfile

HERE = os.path.dirname(os.path.abspath(__file__))
REPO = os.path.dirname(HERE)


def replicate(corpus, fmt, n, dest):
    sources = sorted(os.path.join(corpus, fmt, f) for f in os.listdir(os.path.join(corpus, fmt))
                     if f.endswith("." + fmt))
    os.makedirs(dest)
    paths = []
    for i in range(n):
        src = sources[i % len(sources)]
        dst = os.path.join(dest, f"{i:05d}-{os.path.basename(src)}")
        if fmt == "docx":
            with zipfile.ZipFile(src) as zin, zipfile.ZipFile(dst, "w", zipfile.ZIP_DEFLATED) as zout:
                for item in zin.infolist():
                    zout.writestr(item, zin.read(item.filename))
                zout.writestr(f"customXml/bench-{i}.xml", f"<copy n='{i}'/>")
        else:
            with open(src, "rb") as f:
                data = f.read()
            data += (f"\nBản sao {i}.\n" if fmt == "txt" else f"\n%copy {i}\n").encode()
            with open(dst, "wb") as f:
                f.write(data)
        paths.append(dst)
    return paths


def timed(cmd, runs):
    walls, peaks = [], []
    for _ in range(runs):
        t = time.perf_counter()
        r = subprocess.run(cmd, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
        walls.append(time.perf_counter() - t)
        m = re.search(rb"largest worker (\d+) MiB", r.stderr)
        if m:
            peaks.append(int(m.group(1)))
        if r.returncode not in (0, 1):
            print(f"  note: {' '.join(cmd[:3])} exited {r.returncode}: {r.stderr.decode()[-200:]}")
    return statistics.median(walls), (max(peaks) if peaks else None)


def main():
    parx = os.path.abspath(sys.argv[1] if len(sys.argv) > 1 else os.path.join(REPO, "build", "parx"))
    corpus = os.environ.get("PARX_CORPUS", os.path.join(REPO, "..", "shared", "corpus"))
    n = int(os.environ.get("PARX_BENCH_FILES", "1000"))
    runs = int(os.environ.get("PARX_BENCH_RUNS", "3"))
    if not os.path.isfile(parx) or not os.path.isdir(corpus):
        print(f"bench: need a parx binary ({parx}) and the corpus ({corpus})", file=sys.stderr)
        return 2
    print(f"parx batch, {n} files per format, median of {runs} runs, {os.cpu_count()} CPUs, "
          f"load {os.getloadavg()[0]:.2f}")
    print(f"{'format':6} {'-j1 docs/s':>11} {'-j2 docs/s':>11} {'j2/j1':>6} "
          f"{'extract -j2':>12} {'isolation':>10} {'worker MiB':>11}")
    with tempfile.TemporaryDirectory() as tmp:
        for fmt in ("txt", "docx", "pdf"):
            paths = replicate(corpus, fmt, n, os.path.join(tmp, fmt))
            listing = os.path.join(tmp, fmt + ".list")
            with open(listing, "w") as f:
                f.write("\n".join(paths) + "\n")
            out = os.path.join(tmp, "out.jsonl")
            batch = [parx, "batch", "--files-from", listing, "-o", out]
            j1, peak1 = timed(batch + ["-j", "1"], runs)
            j2, peak2 = timed(batch + ["-j", "2"], runs)
            ex, _ = timed([parx, "extract", "-q", "-j", "2", "-o", out] + paths, runs)
            peak = max(p for p in (peak1, peak2, 0) if p is not None)
            print(f"{fmt:6} {n / j1:11.1f} {n / j2:11.1f} {j1 / j2:6.2f} {n / ex:12.1f} "
                  f"{(j2 / ex - 1) * 100:+9.1f}% {peak:11d}")
            shutil.rmtree(os.path.join(tmp, fmt))
    print("targets: j2/j1 >= 1.85 on 2 cores; isolation (batch -j2 against extract -j2) <= +5% "
          "on PDF and DOCX")
    return 0


if __name__ == "__main__":
    sys.exit(main())
