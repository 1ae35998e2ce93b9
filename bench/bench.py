#!/usr/bin/env python3
"""parx benchmark driver (standard library only). Run it through bench/run.sh.

Prints figures; asserts nothing. The targets are printed next to the figures
for the reader: a missed target never changes the exit status.
"""

import argparse
import glob
import math
import os
import platform
import shutil
import statistics
import subprocess
import sys
import time

MB = 1_000_000  # throughput and sizes are in decimal megabytes

TARGET_THROUGHPUT = 50.0  # MB/s, after start-up
TARGET_STARTUP = 20.0  # ms
TARGET_PDF_RATIO = 1.3  # parx time / pdftotext time, at most
TARGET_DOCX_SPEEDUP = 10.0  # pandoc time / parx time, at least

TINY_TEXT = "KẾ HOẠCH Nâng cao Chỉ số cải cách hành chính năm 2024\n"


def env_int(name, default, minimum=1):
    value = os.environ.get(name, "")
    try:
        return max(minimum, int(value)) if value else default
    except ValueError:
        print(f"bench: ignoring {name}={value!r} (not an integer)", file=sys.stderr)
        return default


def run_timed(argv, stderr_path=None):
    """Runs argv with no output; returns (seconds, exit status)."""
    err = open(stderr_path, "wb") if stderr_path else subprocess.DEVNULL
    try:
        start = time.perf_counter()
        rc = subprocess.run(argv, stdin=subprocess.DEVNULL, stdout=subprocess.DEVNULL,
                            stderr=err).returncode
        return time.perf_counter() - start, rc
    finally:
        if stderr_path:
            err.close()


def first_line(path, limit=110):
    try:
        with open(path, encoding="utf-8", errors="replace") as f:
            for line in f:
                line = line.strip()
                if line:
                    return line if len(line) <= limit else line[: limit - 1] + "…"
    except OSError:
        pass
    return ""


def fmt_ms(seconds):
    return f"{seconds * 1000:.1f}"


def heading(title):
    print()
    print(title)
    print("-" * len(title))


def table(headers, rows, align=None):
    """Prints a plain-text table; align is a string of 'l'/'r' per column."""
    cols = len(headers)
    align = align or "l" + "r" * (cols - 1)
    cells = [[str(c) for c in headers]] + [[str(c) for c in r] for r in rows]
    widths = [max(len(r[i]) for r in cells) for i in range(cols)]

    def line(r):
        out = []
        for i, c in enumerate(r):
            out.append(c.ljust(widths[i]) if align[i] == "l" else c.rjust(widths[i]))
        return "  ".join(out).rstrip()

    print(line(cells[0]))
    print("  ".join("-" * w for w in widths))
    for r in cells[1:]:
        print(line(r))


def rel(path, corpus):
    return os.path.relpath(path, corpus)


def files_in(corpus, *patterns):
    out = []
    for p in patterns:
        out.extend(sorted(glob.glob(os.path.join(corpus, p))))
    return out


def verdict(ok):
    if ok is None:
        return "n/a"
    return "yes" if ok else "NO"


# --- (b) start-up ------------------------------------------------------------

def bench_startup(parx, tmp, runs):
    tiny = os.path.join(tmp, "tiny.txt")
    with open(tiny, "w", encoding="utf-8") as f:
        f.write(TINY_TEXT)
    errf = os.path.join(tmp, "startup.err")
    argv = [parx, "extract", "-o", "/dev/null", tiny]
    for _ in range(2):  # warm the page cache and the dynamic loader
        run_timed(argv)
    times, rcs = [], set()
    for _ in range(runs):
        t, rc = run_timed(argv, errf)
        times.append(t)
        rcs.add(rc)
    med = statistics.median(times)
    heading(f"(b) Start-up: `parx extract` on a one-line text file, {runs} runs")
    print(f"median {fmt_ms(med)} ms   min {fmt_ms(min(times))} ms   max {fmt_ms(max(times))} ms"
          f"   (target <= {TARGET_STARTUP:g} ms: {verdict(med * 1000 <= TARGET_STARTUP)})")
    if rcs != {0}:
        print(f"note: parx exited {sorted(rcs)}: {first_line(errf)}")
    return med, tiny


# --- (a) text throughput -----------------------------------------------------

def arg_budget():
    try:
        arg_max = os.sysconf("SC_ARG_MAX")
    except (ValueError, OSError):
        arg_max = 131072
    env = sum(len(k) + len(v) + 2 for k, v in os.environ.items())
    # stay well below the limit: a quarter of what is left, at most 1 MiB
    return max(16384, min((arg_max - env) // 4, 1 << 20))


def make_batches(paths, fixed_argv):
    budget = arg_budget() - sum(len(a) + 1 for a in fixed_argv)
    batches, cur, size = [], [], 0
    for p in paths:
        n = len(p) + 1 + 8  # the string, its NUL and its pointer
        if cur and size + n > budget:
            batches.append(cur)
            cur, size = [], 0
        cur.append(p)
        size += n
    if cur:
        batches.append(cur)
    return batches


def bench_throughput(parx, corpus, tmp, startup, target_mb, runs):
    sources = files_in(corpus, "txt/*.txt")
    sizes = [os.path.getsize(p) for p in sources]
    one_set = sum(sizes)
    copies = max(1, math.ceil(target_mb * MB / one_set)) if one_set else 0
    work = os.path.join(tmp, "throughput")
    os.makedirs(work)
    paths = []
    for i in range(copies):  # interleave the documents so every batch mixes them
        for src in sources:
            dst = os.path.join(work, f"{i:04d}-{os.path.basename(src)}")
            shutil.copyfile(src, dst)
            paths.append(dst)
    total = one_set * copies
    fixed = [parx, "extract", "--jsonl", "-o", "/dev/null"]
    batches = make_batches(paths, fixed)
    errf = os.path.join(tmp, "throughput.err")

    heading(f"(a) Text throughput: `parx extract --jsonl -o /dev/null`, one process per batch")
    print(f"{len(sources)} corpus .txt files ({one_set / 1000:.1f} kB) x {copies} copies = "
          f"{len(paths)} files, {total / MB:.1f} MB, {len(batches)} batch(es)")

    walls, failures = [], []
    for r in range(runs):
        wall = 0.0
        for b in batches:
            t, rc = run_timed(fixed + b, errf)
            wall += t
            if rc != 0:
                failures.append((rc, first_line(errf)))
        walls.append(wall)
        if wall > 60 and r + 1 < runs:
            print(f"(one run took {wall:.0f} s: stopping after {r + 1} run(s))")
            break
    wall = statistics.median(walls)
    net = wall - startup * len(batches)
    with_startup = total / MB / wall
    after_startup = total / MB / net if net > 0 else None
    print(f"wall time, median of {len(walls)} run(s): {wall:.3f} s "
          f"(runs: {', '.join(f'{w:.3f}' for w in walls)})")
    print(f"start-up subtracted: {len(batches)} x {fmt_ms(startup)} ms")
    if after_startup is None:
        print("throughput after start-up: n/a (start-up dominates the run)")
    else:
        print(f"throughput after start-up:     {after_startup:8.2f} MB/s   (target >= "
              f"{TARGET_THROUGHPUT:g} MB/s: {verdict(after_startup >= TARGET_THROUGHPUT)})")
    print(f"throughput including start-up: {with_startup:8.2f} MB/s")
    if failures:
        rc, msg = failures[0]
        print(f"note: parx exited {rc} on {len(failures)} batch run(s): {msg}")
    shutil.rmtree(work, ignore_errors=True)
    return after_startup, with_startup, total, wall


# --- (c) and (d): parx against another tool, file by file --------------------

def compare(parx, other_argv, files, corpus, tmp, runs, tag):
    """Times parx and the other tool alternately on each file.

    other_argv(path) gives the other tool's command, or None when it is missing.
    Returns rows of (file, parx_median, parx_rc, parx_error, other_median|None, other_rc).
    """
    rows = []
    errf = os.path.join(tmp, f"{tag}.err")
    oerrf = os.path.join(tmp, f"{tag}.other.err")
    for path in files:
        pargv = [parx, "extract", "-o", "/dev/null", path]
        oargv = other_argv(path)
        run_timed(pargv)  # warm-up, not timed
        if oargv:
            run_timed(oargv)
        pt, ot, prc, orc = [], [], 0, 0
        for _ in range(runs):
            t, rc = run_timed(pargv, errf)
            pt.append(t)
            prc = prc or rc
            if oargv:
                t, rc = run_timed(oargv, oerrf)
                ot.append(t)
                orc = orc or rc
        rows.append((rel(path, corpus), statistics.median(pt), prc,
                     first_line(errf) if prc else "",
                     statistics.median(ot) if ot else None, orc,
                     first_line(oerrf) if orc else ""))
    return rows


def bench_pdf(parx, corpus, tmp, runs):
    files = files_in(corpus, "pdf/*.pdf", "more/pdf-chromium/*.pdf", "more/pdf-landscape/*.pdf")
    pdftotext = shutil.which("pdftotext")
    heading(f"(c) PDF: `parx extract` vs `pdftotext FILE /dev/null`, median of {runs} runs")
    if not files:
        print("no PDF files in the corpus: skipped")
        return None
    if not pdftotext:
        print("pdftotext (poppler-utils) is not installed: parx times only, no ratio")
    rows = compare(parx, lambda p: [pdftotext, p, "/dev/null"] if pdftotext else None,
                   files, corpus, tmp, runs, "pdf")
    out, notes = [], []
    sum_p = sum_o = 0.0
    ratios = []
    for name, pm, prc, perr, om, orc, oerr in rows:
        ratio = ""
        if prc:
            notes.append(f"{name}: parx exited {prc}: {perr}")
        if orc:
            notes.append(f"{name}: pdftotext exited {orc}: {oerr}")
        if om is not None and not prc and not orc:
            ratio = f"{pm / om:.2f}x"
            ratios.append(pm / om)
            sum_p += pm
            sum_o += om
        out.append((name, fmt_ms(pm) + ("" if not prc else " (failed)"),
                    fmt_ms(om) if om is not None else "-", ratio or "-"))
    table(["file", "parx ms", "pdftotext ms", "parx/pdftotext"], out, "lrrr")
    for n in notes:
        print("note: " + n)
    if not ratios:
        print("overall: n/a")
        return None
    overall = sum_p / sum_o
    geo = math.exp(sum(math.log(r) for r in ratios) / len(ratios))
    print(f"overall (sum of medians): {overall:.2f}x pdftotext   geometric mean of ratios: "
          f"{geo:.2f}x   (target <= {TARGET_PDF_RATIO:g}x: {verdict(overall <= TARGET_PDF_RATIO)};"
          f" {len(ratios)}/{len(rows)} files)")
    return overall


def bench_docx(parx, corpus, tmp, runs):
    files = files_in(corpus, "docx/*.docx", "more/docx-pandoc/*.docx")
    pandoc = shutil.which("pandoc")
    heading(f"(d) DOCX: `parx extract` vs `pandoc -t plain FILE -o /dev/null`, median of {runs} runs")
    if not files:
        print("no DOCX files in the corpus: skipped")
        return None, "no DOCX files"
    if not pandoc:
        print("pandoc is not installed and could not be installed (apt-get unusable, not root, "
              "or PARX_BENCH_NO_INSTALL=1): comparison skipped")
        return None, "pandoc missing: skipped"
    rows = compare(parx, lambda p: [pandoc, "-t", "plain", p, "-o", "/dev/null"],
                   files, corpus, tmp, runs, "docx")
    out, notes = [], []
    sum_p = sum_o = 0.0
    ok = 0
    for name, pm, prc, perr, om, orc, oerr in rows:
        speed = "-"
        if prc:
            notes.append(f"{name}: parx exited {prc}: {perr}")
        if orc:
            notes.append(f"{name}: pandoc exited {orc}: {oerr}")
        if not prc and not orc:
            speed = f"{om / pm:.1f}x"
            sum_p += pm
            sum_o += om
            ok += 1
        out.append((name, fmt_ms(pm) + ("" if not prc else " (failed)"), fmt_ms(om), speed))
    table(["file", "parx ms", "pandoc ms", "parx faster by"], out, "lrrr")
    for n in notes:
        print("note: " + n)
    if not ok:
        print("overall: n/a (parx read none of the DOCX files)")
        return None, "parx failed on every DOCX"
    overall = sum_o / sum_p
    print(f"overall (sum of medians): parx {overall:.1f}x faster than pandoc   "
          f"(target >= {TARGET_DOCX_SPEEDUP:g}x: {verdict(overall >= TARGET_DOCX_SPEEDUP)};"
          f" {ok}/{len(rows)} files)")
    return overall, ""


# --- (e) peak memory ----------------------------------------------------------

def max_rss_kb(parx, path, tmp):
    """Returns (max RSS in kB or None, exit status, how it was measured)."""
    argv = [parx, "extract", "-o", "/dev/null", path]
    report = os.path.join(tmp, "time-v.txt")
    if os.access("/usr/bin/time", os.X_OK):
        rc = subprocess.run(["/usr/bin/time", "-v", "-o", report] + argv, stdin=subprocess.DEVNULL,
                            stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL).returncode
        rss = None
        with open(report, encoding="utf-8", errors="replace") as f:
            for line in f:
                if "Maximum resident set size" in line:
                    rss = int(line.rsplit(":", 1)[1])
                elif line.startswith("Command exited with non-zero status"):
                    rc = int(line.rsplit(" ", 1)[1])
        return rss, rc, "/usr/bin/time -v"
    # fallback: a fresh python process whose only child is parx
    code = ("import resource,subprocess,sys\n"
            "rc=subprocess.run(sys.argv[1:],stdin=subprocess.DEVNULL,stdout=subprocess.DEVNULL,"
            "stderr=subprocess.DEVNULL).returncode\n"
            "print(resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss, rc)\n")
    out = subprocess.run([sys.executable, "-c", code] + argv, capture_output=True, text=True)
    rss, rc = out.stdout.split()
    return int(rss), int(rc), "getrusage (no /usr/bin/time)"


def bench_memory(parx, corpus, tmp, tiny):
    files = files_in(corpus, "txt/*.txt", "docx/*.docx", "more/docx-pandoc/*.docx", "pdf/*.pdf",
                     "more/pdf-chromium/*.pdf", "more/pdf-landscape/*.pdf",
                     "more/pdf-scanned/*.pdf")
    rows, how, peak = [], "", 0
    for path, name in [(tiny, "(one-line text file: baseline)")] + [(p, rel(p, corpus))
                                                                     for p in files]:
        rss, rc, how = max_rss_kb(parx, path, tmp)
        if rss is not None and path != tiny and rc == 0:
            peak = max(peak, rss)
        rows.append((name, f"{os.path.getsize(path) / 1000:.1f}",
                     f"{rss / 1024:.1f}" if rss is not None else "?",
                     "ok" if rc == 0 else f"exit {rc}"))
    heading(f"(e) Peak memory: max RSS of `parx extract` per document ({how})")
    table(["file", "size kB", "max RSS MiB", "parx"], rows, "lrrl")
    return peak / 1024 if peak else None


# --- main ------------------------------------------------------------------------

def describe(parx, corpus):
    version = subprocess.run([parx, "--version"], capture_output=True, text=True)
    cpu = platform.processor() or ""
    try:
        with open("/proc/cpuinfo", encoding="utf-8") as f:
            for line in f:
                if line.startswith("model name"):
                    cpu = line.split(":", 1)[1].strip()
                    break
    except OSError:
        pass
    print("parx benchmark")
    print("==============")
    print(f"binary:  {parx} ({(version.stdout or version.stderr).strip() or 'no --version'})")
    print(f"corpus:  {corpus}")
    print(f"machine: {cpu or platform.machine()}, {os.cpu_count()} CPU(s), "
          f"{platform.system()} {platform.release()}")
    print(f"date:    {time.strftime('%Y-%m-%d %H:%M:%S %Z')}")
    try:
        load = ", ".join(f"{x:.2f}" for x in os.getloadavg())
        print(f"load:    {load} (1, 5, 15 min; a busy machine slows every figure)")
    except OSError:
        pass
    print("Figures only: nothing here fails because of speed. 1 MB = 10^6 bytes.")


def main():
    ap = argparse.ArgumentParser(description=__doc__)
    ap.add_argument("--parx", required=True)
    ap.add_argument("--corpus", required=True)
    ap.add_argument("--tmp", required=True)
    a = ap.parse_args()

    startup_runs = env_int("PARX_BENCH_STARTUP_RUNS", 20)
    runs = env_int("PARX_BENCH_RUNS", 5)
    tp_runs = env_int("PARX_BENCH_TP_RUNS", 3)
    target_mb = env_int("PARX_BENCH_MB", 50)

    describe(a.parx, a.corpus)
    startup, tiny = bench_startup(a.parx, a.tmp, startup_runs)
    tp_net, tp_gross, tp_bytes, tp_wall = bench_throughput(a.parx, a.corpus, a.tmp, startup,
                                                           target_mb, tp_runs)
    pdf = bench_pdf(a.parx, a.corpus, a.tmp, runs)
    docx, docx_note = bench_docx(a.parx, a.corpus, a.tmp, runs)
    peak = bench_memory(a.parx, a.corpus, a.tmp, tiny)

    heading("Summary")
    rows = [
        ("start-up (median)", f"{fmt_ms(startup)} ms", f"<= {TARGET_STARTUP:g} ms",
         verdict(startup * 1000 <= TARGET_STARTUP)),
        ("text throughput after start-up",
         f"{tp_net:.2f} MB/s" if tp_net else "n/a", f">= {TARGET_THROUGHPUT:g} MB/s",
         verdict(tp_net >= TARGET_THROUGHPUT if tp_net else None)),
        ("text throughput incl. start-up", f"{tp_gross:.2f} MB/s", "-", "-"),
        ("PDF: parx / pdftotext (overall)", f"{pdf:.2f}x" if pdf else "n/a",
         f"<= {TARGET_PDF_RATIO:g}x", verdict(pdf <= TARGET_PDF_RATIO if pdf else None)),
        ("DOCX: parx faster than pandoc by", f"{docx:.1f}x" if docx else f"n/a ({docx_note})",
         f">= {TARGET_DOCX_SPEEDUP:g}x", verdict(docx >= TARGET_DOCX_SPEEDUP if docx else None)),
        ("peak RSS, largest corpus document", f"{peak:.1f} MiB" if peak else "n/a", "-", "-"),
    ]
    table(["measure", "figure", "target", "meets"], rows, "llll")
    print(f"(throughput corpus: {tp_bytes / MB:.1f} MB in {tp_wall:.2f} s)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
