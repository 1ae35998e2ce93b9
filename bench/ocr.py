#!/usr/bin/env python3
"""The targets of issue 15 (OCR of scanned PDFs), measured in one run
(standard library only), on a sample of pages of the scanned plans
(more/pdf-scanned/X.pdf) whose text-layer twins (pdf/X.pdf) give the truth:

  - seconds per page of `parx extract --ocr always` on a one-page PDF cut from
    the scan, against `tesseract PAGE.png - -l vie` on the same page rendered
    at 300 dpi grey by pdftoppm (rendering not counted), both on one thread
    (OMP_THREAD_LIMIT=1), alternately; median ratio, target <= 1.1x.
    PAGE.png is pdftoppm's PGM written as a greyscale PNG with its 300 dpi
    (same pixels and same recognised text as `pdftoppm -gray -png`, which
    writes an RGB PNG, takes ~10 s of CPU a page and costs tesseract ~0.5 s
    more to read; --pdftoppm-png uses it anyway);
  - table cells whole: of the text layer's table cells on the same page
    (`parx text`, rows with " | "), the share found identical (one to one)
    in a cell of the scanned page's `parx text --ocr always`, target >= 90%;
    also the share contiguous in parx's page text, and in plain tesseract's;
  - words recovered: the share of the text-layer page's words (a multiset)
    found in the scanned page's text, parx and tesseract; the same for
    criterion codes (3.2, 3.2.1);
  - peak memory (GNU time's, bench/peak.py) per page, parx and tesseract.

Prints figures and asserts nothing; exit 2 only when it cannot run.

    python3 bench/ocr.py [PARX] [--pages 6|all] [--runs 1] [--misses N]
                         [--only PLAN:PAGE,...] [--pdftoppm-png]

Needs tesseract with the Vietnamese data (tesseract-ocr, tesseract-ocr-vie),
pdftoppm, pdfinfo and pdfseparate (poppler-utils); qpdf cuts the pages when
present.
"""

import argparse
import collections
import difflib
import glob
import os
import re
import shutil
import statistics
import struct
import subprocess
import sys
import tempfile
import time
import unicodedata
import zlib

import peak

MB = 1_000_000
HERE = os.path.dirname(os.path.abspath(__file__))
REPO = os.path.dirname(HERE)
TIMEOUT = 300  # seconds; a page taking longer is killed and reported failed
ONE_THREAD = dict(os.environ, OMP_THREAD_LIMIT="1")


def run(argv, out=None, env=None):
    """Runs argv, standard output to the file `out` (else discarded):
    (wall seconds, CPU seconds, peak RSS in bytes, exit status)."""
    sink = open(out, "wb") if out else subprocess.DEVNULL
    try:
        return peak.measure(argv, stdout=sink, env=env, timeout=TIMEOUT)[:4]
    finally:
        if out:
            sink.close()


def output(argv, env=None):
    try:
        r = subprocess.run(argv, stdin=subprocess.DEVNULL, capture_output=True, env=env,
                           timeout=TIMEOUT)
    except subprocess.TimeoutExpired:
        return None
    return r.stdout.decode("utf-8", "replace") if r.returncode in (0, 1) else None


# ---- text measures ----------------------------------------------------------

LINE = re.compile(r"^\d+\t(?:\[p(\d+)\] )?(.*)$")
MARKUP = re.compile(r"\*\*|~~|(?<!\w)\*|\*(?!\w)")
EDGE_PUNCT = "\"'“”‘’.,;:!?()[]{}…"


def norm(s):
    """NFC, emphasis markup dropped, whitespace collapsed."""
    s = MARKUP.sub("", unicodedata.normalize("NFC", s))
    return " ".join(s.split())


def pages_of(parx_text):
    """`parx text` output -> {page: [line text, ...]} (page 0: no marker)."""
    pages = collections.defaultdict(list)
    for line in parx_text.splitlines():
        m = LINE.match(line)
        if m:
            pages[int(m.group(1) or 0)].append(m.group(2))
    return pages


def cells_of(lines):
    """The non-empty cells of the table rows (lines with ' | '), normalised."""
    cells = []
    for line in lines:
        if " | " in line:
            cells.extend(c for c in (norm(x) for x in line.split(" | ")) if c)
    return cells


def plain(lines):
    """The lines as one text, cells separated by spaces, normalised."""
    return norm(" ".join(line.replace(" | ", " ") for line in lines))


def words(text):
    out = collections.Counter()
    for w in text.split():
        w = w.strip(EDGE_PUNCT)
        if w:
            out[w] += 1
    return out


CODE = re.compile(r"(?<![\w.])\d{1,2}(?:\.\d{1,2})+(?![\w])")


def codes(text):
    """Criterion and section codes (3.2, 3.2.1, 6.4.2.) as a multiset."""
    return collections.Counter(m.group(0).rstrip(".") for m in CODE.finditer(text))


def recovered(ref, got):
    """(found, total) of the multiset ref's words in got."""
    return sum(min(n, got[w]) for w, n in ref.items()), sum(ref.values())


def cells_whole(ref_cells, got_cells):
    """(found, total, missed): ref cells matched one to one by an identical cell."""
    pool = collections.Counter(got_cells)
    found, missed = 0, []
    for c in ref_cells:
        if pool[c] > 0:
            pool[c] -= 1
            found += 1
        else:
            missed.append(c)
    return found, len(ref_cells), missed


def miss_kind(cell, got_cells, got_text, got_paragraphs):
    """Why a cell is not whole: 'paragraph' (a line of its own: the row was not
    read as a table), 'merged' (inside a longer cell), 'split' (contiguous in
    the text but over several cells or lines), 'cut' (a shorter cell is a
    piece of it), 'misread' (a close cell differs in a few characters),
    'fewer' (whole, but fewer times than in the text layer), 'lost'. Returns (kind, closest cell)."""
    if cell in got_paragraphs:
        return "paragraph", cell
    if cell in got_cells:  # whole, but fewer times than in the text layer
        return "fewer", cell
    best, best_ratio = "", 0.0
    sm = difflib.SequenceMatcher(autojunk=False)
    sm.set_seq2(cell)
    for g in set(got_cells):
        sm.set_seq1(g)
        if sm.real_quick_ratio() <= best_ratio or sm.quick_ratio() <= best_ratio:
            continue
        r = sm.ratio()
        if r > best_ratio:
            best, best_ratio = g, r
    if any(cell in g and cell != g for g in got_cells):
        return "merged", next(g for g in got_cells if cell in g and cell != g)
    if cell in got_text:
        return "split", best
    if best and len(best) >= 3 and best in cell:
        return "cut", best
    if best_ratio >= 0.8:
        return "misread", best
    return "lost", best


# ---- sample -----------------------------------------------------------------

def spread(items, k):
    return [items[int((j + 0.5) * len(items) / k)] for j in range(k)] if k else []


def allocate(pools, n):
    """Round-robin over the pools (largest first), at most len(pool) each."""
    order = sorted(pools, key=lambda d: -len(pools[d]))
    counts = dict.fromkeys(order, 0)
    while n > 0 and any(counts[d] < len(pools[d]) for d in order):
        for d in order:
            if n > 0 and counts[d] < len(pools[d]):
                counts[d] += 1
                n -= 1
    return [(d, p) for d in order for p in spread(pools[d], counts[d])]


def sample(docs, n):
    """About half table pages (text layer: >= 3 rows with ' | '), half the
    others, spread over the documents and within each."""
    tables = {d: [p for p in range(1, info["pages"] + 1) if info["rows"].get(p, 0) >= 3]
              for d, info in docs.items()}
    others = {d: [p for p in range(1, info["pages"] + 1) if p not in tables[d]]
              for d, info in docs.items()}
    if n is None:
        return sorted((d, p) for d, info in docs.items() for p in range(1, info["pages"] + 1))
    n_tab = min((n + 1) // 2, sum(len(v) for v in tables.values()))
    picked = allocate(tables, n_tab)
    picked += allocate(others, n - len(picked))
    return sorted(picked)


# ---- main -------------------------------------------------------------------

def missing_tools():
    missing = []
    if not shutil.which("tesseract"):
        missing.append("tesseract-ocr tesseract-ocr-vie (tesseract)")
    else:
        langs = subprocess.run(["tesseract", "--list-langs"], capture_output=True, text=True)
        if "vie" not in (langs.stdout + langs.stderr).split():
            missing.append("tesseract-ocr-vie (Vietnamese data for tesseract)")
    for tool in ("pdftoppm", "pdfinfo", "pdfseparate"):
        if not shutil.which(tool):
            missing.append(f"poppler-utils ({tool})")
            break
    return missing


def cut_page(src, page, dst):
    if shutil.which("qpdf"):
        argv = ["qpdf", "--empty", "--pages", src, str(page), "--", dst]
    else:
        argv = ["pdfseparate", "-f", str(page), "-l", str(page), src, dst]
    r = subprocess.run(argv, capture_output=True)
    return r.returncode in (0, 3) and os.path.exists(dst)  # qpdf: 3 = warnings


def pgm_to_png(src, dst, dpi=300):
    """pdftoppm's 8-bit grey PGM -> a greyscale PNG with its resolution (the
    same pixels; zlib level 1, fast to write)."""
    with open(src, "rb") as f:
        data = f.read()
    fields, pos = [], 0
    while len(fields) < 4:
        while data[pos:pos + 1].isspace():
            pos += 1
        if data[pos:pos + 1] == b"#":
            pos = data.index(b"\n", pos) + 1
            continue
        end = pos
        while not data[end:end + 1].isspace():
            end += 1
        fields.append(data[pos:end])
        pos = end
    pos += 1
    w, h = int(fields[1]), int(fields[2])
    if fields[0] != b"P5" or int(fields[3]) != 255:
        return False
    raw = b"".join(b"\0" + data[pos + y * w:pos + (y + 1) * w] for y in range(h))

    def chunk(kind, body):
        return (struct.pack(">I", len(body)) + kind + body
                + struct.pack(">I", zlib.crc32(kind + body)))
    ppm = round(dpi / 0.0254)
    with open(dst, "wb") as f:
        f.write(b"\x89PNG\r\n\x1a\n"
                + chunk(b"IHDR", struct.pack(">IIBBBBB", w, h, 8, 0, 0, 0, 0))
                + chunk(b"pHYs", struct.pack(">IIB", ppm, ppm, 1))
                + chunk(b"IDAT", zlib.compress(raw, 1)) + chunk(b"IEND", b""))
    return True


def render(pdf, base, literal):
    """base.png: the page at 300 dpi grey. `literal`: pdftoppm -png itself
    (about 10 s of CPU a page, and an RGB PNG); else pdftoppm's PGM written
    as a greyscale PNG."""
    if literal:
        subprocess.run(["pdftoppm", "-r", "300", "-gray", "-png", "-singlefile", pdf, base],
                       capture_output=True)
    else:
        subprocess.run(["pdftoppm", "-r", "300", "-gray", "-singlefile", pdf, base],
                       capture_output=True)
        if os.path.exists(base + ".pgm"):
            pgm_to_png(base + ".pgm", base + ".png")
            os.remove(base + ".pgm")
    return os.path.exists(base + ".png")


def confidence(record_path):
    import json
    try:
        with open(record_path, encoding="utf-8") as f:
            ocr = json.load(f).get("source", {}).get("ocr") or []
        conf = [p["confidence"] for p in ocr if "confidence" in p]
        return statistics.mean(conf) if conf else None
    except (OSError, ValueError, AttributeError, TypeError, KeyError):
        return None


def pct(found, total):
    return f"{100 * found / total:5.1f}%" if total else "    -"


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("parx", nargs="?", default=os.path.join(REPO, "build", "parx"))
    ap.add_argument("--corpus", default=os.environ.get("PARX_CORPUS",
                                                       os.path.join(REPO, "..", "shared", "corpus")))
    ap.add_argument("--pages", default="6", help="pages in the sample, or 'all' (default 6)")
    ap.add_argument("--only", metavar="PLAN:PAGE,...",
                    help="these pages instead of the sample (e.g. quangdien-2022:17)")
    ap.add_argument("--runs", type=int, default=1, help="timed runs per page and tool (default 1)")
    ap.add_argument("--pdftoppm-png", action="store_true",
                    help="give tesseract pdftoppm's own PNG (RGB; slow to make) instead of the "
                         "same pixels as a greyscale PNG")
    ap.add_argument("--misses", type=int, default=0,
                    help="print up to N cells per page that parx did not bring back whole")
    a = ap.parse_args()
    if a.pages != "all" and not a.pages.isdigit() or a.runs < 1:
        ap.error("--pages takes a number or 'all', --runs a number >= 1")
    started = time.perf_counter()
    parx = os.path.abspath(a.parx)
    if not (os.path.isfile(parx) and os.access(parx, os.X_OK)):
        print(f"ocr: no parx binary at {parx}", file=sys.stderr)
        return 2
    missing = missing_tools()
    if missing:
        print("ocr: missing tools; install (Debian/Ubuntu): " + "; ".join(missing), file=sys.stderr)
        return 2
    scanned_dir = os.path.join(a.corpus, "more", "pdf-scanned")
    docs = {}
    for scan in sorted(glob.glob(os.path.join(scanned_dir, "*.pdf"))):
        name = os.path.splitext(os.path.basename(scan))[0]
        layer = os.path.join(a.corpus, "pdf", name + ".pdf")
        if not os.path.isfile(layer):
            continue
        info = output(["pdfinfo", scan]) or ""
        m = re.search(r"^Pages:\s+(\d+)", info, re.M)
        text = output([parx, "text", "--ocr", "never", layer])
        if not m or text is None:
            print(f"ocr: note: {name}: no page count or text layer, left out")
            continue
        ref = pages_of(text)
        docs[name] = {"scan": scan, "pages": int(m.group(1)), "ref": ref,
                      "rows": {p: sum(" | " in l for l in ls) for p, ls in ref.items()}}
    if not docs:
        print(f"ocr: no scanned plans with a text-layer twin under {a.corpus} "
              "(more/pdf-scanned/X.pdf and pdf/X.pdf)", file=sys.stderr)
        return 2
    n = None if a.pages == "all" else max(1, int(a.pages))
    picks = sample(docs, n)
    if a.only:
        picks = []
        for item in a.only.split(","):
            doc, _, page = item.rpartition(":")
            if doc not in docs or not page.isdigit() or not 1 <= int(page) <= docs[doc]["pages"]:
                print(f"ocr: no page {item!r} (plans: {', '.join(docs)})", file=sys.stderr)
                return 2
            picks.append((doc, int(page)))

    version = (output(["tesseract", "--version"]) or "? ?").split()
    print(f"parx {parx}; tesseract {version[1] if len(version) > 1 else '?'}; "
          f"{len(picks)} pages, {a.runs} run(s) each, one thread; "
          f"load average {os.getloadavg()[0]:.2f}")
    rows, misses_all = [], collections.Counter()
    with tempfile.TemporaryDirectory(prefix="parx-ocr-bench.") as tmp:
        pages = []
        for doc, p in picks:
            base = os.path.join(tmp, f"{doc}-p{p}")
            if not cut_page(docs[doc]["scan"], p, base + ".pdf"):
                print(f"ocr: note: could not cut page {p} of {doc}, left out")
                continue
            if not render(base + ".pdf", base, a.pdftoppm_png):
                print(f"ocr: note: pdftoppm could not render page {p} of {doc}, left out")
                continue
            pages.append((doc, p, base))
        if not pages:
            print("ocr: no page could be prepared", file=sys.stderr)
            return 2
        # Warm the page cache: the libraries, parx's modules, the language data.
        base = pages[0][2]
        subprocess.run(["pdftoppm", "-r", "300", "-gray", "-png", "-singlefile", "-W", "600",
                        "-H", "150", base + ".pdf", base + "-warm"], capture_output=True)
        run(["tesseract", base + "-warm.png", "-", "-l", "vie"], env=ONE_THREAD)
        run([parx, "text", "--ocr", "never", base + ".pdf"])

        timing = {i: {"parx": [], "tess": []} for i in range(len(pages))}
        for r in range(a.runs):
            for i, (doc, p, base) in enumerate(pages):
                tools = ["parx", "tess"] if (i + r) % 2 == 0 else ["tess", "parx"]
                for tool in tools:
                    if tool == "parx":
                        res = run([parx, "extract", "-q", "--ocr", "always", base + ".pdf",
                                   "-o", base + ".json"], env=ONE_THREAD)
                    else:
                        res = run(["tesseract", base + ".png", "-", "-l", "vie"],
                                  out=base + ".tess.txt", env=ONE_THREAD)
                    timing[i][tool].append(res)

        print("columns: seconds (median of runs) and their ratio, CPU-time ratio, peak memory, "
              "parx's mean OCR confidence;\n"
              "table cells of the text layer on the page: how many, whole in a parx cell, "
              "contiguous in parx's text, in tesseract's;\nwords of the text layer recovered: "
              "parx, tesseract; criterion codes (3.2.1) of the text layer recovered: parx, tesseract")
        print(f"{'page':18} {'parx s':>7} {'tess s':>7} {'ratio':>6} {'cpu':>6} {'parx MB':>8} "
              f"{'tess MB':>8} {'conf':>5} {'cells':>5} {'parx':>6} {'contig':>6} {'tess':>6} "
              f"{'words':>6} {'tess':>6} {'codes':>5} {'parx':>6} {'tess':>6}")
        for i, (doc, p, base) in enumerate(pages):
            tp, tt = timing[i]["parx"], timing[i]["tess"]
            ok_p = [x for x in tp if x[3] == 0]
            ok_t = [x for x in tt if x[3] == 0]
            row = {"page": f"{doc} p{p}", "failed": not ok_p}
            if not ok_p:
                print(f"ocr: note: parx exited {tp[-1][3]} on {doc} page {p}")
            if not ok_t:
                print(f"ocr: note: tesseract exited {tt[-1][3]} on {doc} page {p}")
            if ok_p:
                row["parx_s"] = statistics.median(x[0] for x in ok_p)
                row["parx_cpu"] = statistics.median(x[1] for x in ok_p)
                row["parx_rss"] = max(x[2] for x in ok_p)
            if ok_t:
                row["tess_s"] = statistics.median(x[0] for x in ok_t)
                row["tess_cpu"] = statistics.median(x[1] for x in ok_t)
                row["tess_rss"] = max(x[2] for x in ok_t)
            row["conf"] = confidence(base + ".json") if ok_p else None

            ref_lines = docs[doc]["ref"].get(p, [])
            ref_cells = cells_of(ref_lines)
            ref_words = words(plain(ref_lines))
            text = output([parx, "text", "--ocr", "always", base + ".pdf"], env=ONE_THREAD)
            got_lines = [l for ls in pages_of(text or "").values() for l in ls]
            got_cells = cells_of(got_lines)
            got_text = plain(got_lines)
            got_paragraphs = {norm(l) for l in got_lines if " | " not in l}
            tess_text = ""
            if os.path.exists(base + ".tess.txt"):
                with open(base + ".tess.txt", encoding="utf-8", errors="replace") as f:
                    tess_text = norm(f.read())
            found, total, missed = cells_whole(ref_cells, got_cells)
            row["cells"] = (found, total)
            row["cells_contig"] = (sum(c in got_text for c in ref_cells), total)
            row["cells_tess"] = (sum(c in tess_text for c in ref_cells), total)
            row["words"] = recovered(ref_words, words(got_text))
            row["words_tess"] = recovered(ref_words, words(tess_text))
            ref_codes = codes(plain(ref_lines))
            row["codes"] = recovered(ref_codes, codes(got_text))
            row["codes_tess"] = recovered(ref_codes, codes(tess_text))
            kinds = []
            for c in missed:
                kind, near = miss_kind(c, got_cells, got_text, got_paragraphs)
                misses_all[kind] += 1
                kinds.append((kind, c, near))
            row["misses"] = kinds
            rows.append(row)

            def s(key, fmt):
                return format(row[key], fmt) if row.get(key) is not None else "-"
            ratio = (f"{row['parx_s'] / row['tess_s']:.2f}" if "parx_s" in row and "tess_s" in row
                     else "-")
            cpu = (f"{row['parx_cpu'] / row['tess_cpu']:.2f}"
                   if "parx_cpu" in row and row.get("tess_cpu") else "-")
            print(f"{row['page']:18} {s('parx_s', '.2f'):>7} {s('tess_s', '.2f'):>7} {ratio:>6} "
                  f"{cpu:>6} {(row['parx_rss'] / MB if ok_p else 0):8.0f} "
                  f"{(row['tess_rss'] / MB if ok_t else 0):8.0f} {s('conf', '.1f'):>5} "
                  f"{total:5d} {pct(*row['cells'])} {pct(*row['cells_contig'])} "
                  f"{pct(*row['cells_tess'])} {pct(*row['words'])} {pct(*row['words_tess'])} "
                  f"{row['codes'][1]:5d} {pct(*row['codes'])} {pct(*row['codes_tess'])}",
                  flush=True)
            for kind, c, near in kinds[:a.misses]:
                print(f"    {kind:7} text layer: {c[:90]!r}")
                print(f"    {'':7} parx cell:  {near[:90]!r}")

    timed = [r for r in rows if "parx_s" in r and "tess_s" in r]
    table = [r for r in rows if r["cells"][1]]

    def pooled(key, subset):
        f = sum(r[key][0] for r in subset)
        t = sum(r[key][1] for r in subset)
        return f"{pct(f, t).strip()} ({f}/{t})" if t else "-"

    def med(key, subset, scale=1.0, fmt=".2f"):
        vals = [r[key] * scale for r in subset if r.get(key) is not None]
        return format(statistics.median(vals), fmt) if vals else "-"

    out = []
    if timed:
        ratios = [r["parx_s"] / r["tess_s"] for r in timed]
        cpu_ratios = [r["parx_cpu"] / r["tess_cpu"] for r in timed if r["tess_cpu"]]
        mr = statistics.median(ratios)
        out.append(("seconds per page, parx extract --ocr always", med("parx_s", timed), "", ""))
        out.append(("seconds per page, tesseract -l vie", med("tess_s", timed), "", ""))
        out.append(("parx / tesseract, median of pages", f"{mr:.2f}x",
                    "<= 1.1x", "yes" if mr <= 1.1 else "NO"))
        out.append(("parx / tesseract, total time",
                    f"{sum(r['parx_s'] for r in timed) / sum(r['tess_s'] for r in timed):.2f}x",
                    "", ""))
        if cpu_ratios:
            out.append(("parx / tesseract, CPU time, median", f"{statistics.median(cpu_ratios):.2f}x",
                        "", ""))
    if table:
        f = sum(r["cells"][0] for r in table)
        t = sum(r["cells"][1] for r in table)
        out.append((f"table cells whole, parx ({len(table)} pages)", pooled("cells", table),
                    ">= 90%", "yes" if f >= 0.9 * t else "NO"))
        out.append(("  median of the pages",
                    f"{statistics.median(100 * r['cells'][0] / r['cells'][1] for r in table):.1f}%",
                    "", ""))
        out.append(("table cells contiguous, parx text", pooled("cells_contig", table), "", ""))
        out.append(("table cells contiguous, tesseract", pooled("cells_tess", table), "", ""))
    worded = [r for r in rows if r["words"][1]]
    if worded:
        out.append(("words recovered, parx", pooled("words", worded), "", ""))
        out.append(("words recovered, tesseract", pooled("words_tess", worded), "", ""))
    coded = [r for r in rows if r["codes"][1]]
    if coded:
        out.append(("criterion codes recovered, parx", pooled("codes", coded), "", ""))
        out.append(("criterion codes recovered, tesseract", pooled("codes_tess", coded), "", ""))
    measured = [r for r in rows if "parx_rss" in r]
    if measured:
        out.append(("peak memory per page, parx, median", med("parx_rss", measured, 1 / MB, ".0f")
                    + " MB", "", ""))
        out.append(("peak memory per page, parx, max",
                    f"{max(r['parx_rss'] for r in measured) / MB:.0f} MB", "", ""))
        tm = [r for r in rows if "tess_rss" in r]
        if tm:
            out.append(("peak memory per page, tesseract, median",
                        med("tess_rss", tm, 1 / MB, ".0f") + " MB", "", ""))
    if misses_all:
        out.append(("cells not whole, by kind", ", ".join(f"{k} {v}" for k, v in
                                                           misses_all.most_common()), "", ""))
    print(f"({time.perf_counter() - started:.0f} s in all)")
    print()
    print(f"{'measure':46} {'figure':>16} {'target':>8}  meets")
    for name, figure, target, meets in out:
        print(f"{name:46} {figure:>16} {target:>8}  {meets}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
