#!/usr/bin/env python3
"""Where the time of `parx extract` on a PDF goes, in instructions (issue 17).

Runs parx and pdftotext on each PDF of the corpus under valgrind's callgrind,
which counts the instructions each function executes, and prints parx's
instructions split by stage against pdftotext's total. Unlike wall-clock
times, the counts are the same on a busy machine, so a change can be judged
on one run. They leave out the kernel's share (mapping libraries, page
faults), so the wall-clock ratio of bench/run.sh is a little higher.

    python3 bench/pdf_profile.py [PARX] [--corpus DIR] [FILE.pdf ...]

Needs valgrind (callgrind_annotate) and pdftotext. Prints figures and asserts
nothing; exit 2 when it cannot run. About a minute for the corpus's nine PDFs.
"""
import argparse
import glob
import os
import re
import shutil
import subprocess
import sys
import tempfile

HERE = os.path.dirname(os.path.abspath(__file__))
REPO = os.path.dirname(HERE)

# Stage: the functions whose inclusive counts make it (summed), and those
# subtracted from it.
STAGES = [
    ("start-up (ICU, rules, command line)", ["PROGRAM TOTALS"], [":parx_extract "]),
    ("module load (dlopen of parx-pdf.so, Poppler set-up)", [":dlopen@@"], []),
    # the module's constructor opens an empty document, counted in the load
    ("Poppler: opening the document", [":poppler_document_new_from_bytes "],
     [":pdf_module_loaded "]),
    ("Poppler: page text (content, layout, selection)", [":poppler_page_get_text "], []),
    ("Poppler: character boxes", [":poppler_page_get_text_layout "], []),
    ("Poppler: freeing the text pages", ["TextPage::~TextPage"], []),
    ("parx: words and lines", [":pdf_page_build "], []),
    ("parx: ruling lines (render)", [":pdf_rules_read "], []),
    ("parx: paragraphs and tables", [":pdf_doc_emit "], []),
    ("parx: rules and record", [":parx_extract "], [":parx_ingest ", ":parx_sha256_hex "]),
    # Nettle uses the CPU's SHA instructions, which valgrind does not offer:
    # natively this stage takes a sixth of the time its count suggests
    ("parx: SHA-256 of the file (generic code under valgrind)", [":parx_sha256_hex "], []),
]


def callgrind(argv, out):
    subprocess.run(["valgrind", "--tool=callgrind", f"--callgrind-out-file={out}"] + argv,
                   stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, check=False, timeout=600)
    text = subprocess.run(["callgrind_annotate", "--inclusive=yes", "--threshold=100", out],
                          stdout=subprocess.PIPE, stderr=subprocess.DEVNULL,
                          check=True).stdout.decode(errors="replace")
    counts = {}
    for line in text.splitlines():
        m = re.match(r"\s*([\d,]+)\s+(?:\([^)]*\)\s+)?(.*)$", line)
        if m:
            counts.setdefault(m.group(2), int(m.group(1).replace(",", "")))
    return counts


def inclusive(counts, key):
    """The count of the first function whose name contains key (0 when none ran)."""
    for name, n in counts.items():
        if key in name:
            return n
    return 0


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("parx", nargs="?", default=os.path.join(REPO, "build", "parx"))
    ap.add_argument("files", nargs="*")
    default_corpus = os.path.join(REPO, "..", "shared", "corpus")
    ap.add_argument("--corpus", default=os.environ.get("PARX_CORPUS", default_corpus))
    a = ap.parse_args()
    for tool in ("valgrind", "callgrind_annotate", "pdftotext"):
        if not shutil.which(tool):
            print(f"pdf_profile: {tool} is missing (apt-get install valgrind poppler-utils)",
                  file=sys.stderr)
            return 2
    if not os.access(a.parx, os.X_OK):
        print(f"pdf_profile: no parx binary at {a.parx}", file=sys.stderr)
        return 2
    files = a.files or sorted(glob.glob(os.path.join(a.corpus, "pdf", "*.pdf")) +
                              glob.glob(os.path.join(a.corpus, "more", "pdf-chromium", "*.pdf")) +
                              glob.glob(os.path.join(a.corpus, "more", "pdf-landscape", "*.pdf")))
    if not files:
        print(f"pdf_profile: no PDFs under {a.corpus}", file=sys.stderr)
        return 2
    stages = [0] * len(STAGES)
    parx_total = pdftotext_total = 0
    with tempfile.TemporaryDirectory() as tmp:
        out = os.path.join(tmp, "callgrind.out")
        print(f"{'file':44} {'parx Minstr':>12} {'pdftotext':>10} {'ratio':>6}")
        for f in files:
            c = callgrind([a.parx, "extract", "-o", os.devnull, f], out)
            p = callgrind(["pdftotext", f, os.devnull], out)
            total, ptotal = inclusive(c, "PROGRAM TOTALS"), inclusive(p, "PROGRAM TOTALS")
            for i, (_, plus, minus) in enumerate(STAGES):
                stages[i] += (sum(inclusive(c, k) for k in plus) -
                              sum(inclusive(c, k) for k in minus))
            parx_total += total
            pdftotext_total += ptotal
            corpus = os.path.abspath(a.corpus) + os.sep
            name = os.path.abspath(f)
            name = name[len(corpus):] if name.startswith(corpus) else f
            print(f"{name:44} {total / 1e6:12.1f} {ptotal / 1e6:10.1f} "
                  f"{total / max(ptotal, 1):6.2f}")
    print(f"{'all':44} {parx_total / 1e6:12.1f} {pdftotext_total / 1e6:10.1f} "
          f"{parx_total / max(pdftotext_total, 1):6.2f}")
    print()
    print(f"{'stage of parx extract':56} {'Minstr':>9} {'share':>6} {'/pdftotext':>10}")
    for (name, _, _), n in zip(STAGES, stages):
        print(f"{name:56} {n / 1e6:9.1f} {100 * n / max(parx_total, 1):5.1f}% "
              f"{n / max(pdftotext_total, 1):10.3f}")
    rest = parx_total - sum(stages)
    print(f"{'other (opening the document, reading the file, …)':56} {rest / 1e6:9.1f} "
          f"{100 * rest / max(parx_total, 1):5.1f}% {rest / max(pdftotext_total, 1):10.3f}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
