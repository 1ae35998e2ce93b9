#!/usr/bin/env python3
"""Differential test: the PDF reader must rebuild the table cells that the
DOCX reader reads from the source of the same document.

    diff.py PARX DATA_DIR [GATES_JSON]

For each NAME.docx of DATA_DIR and each NAME.PRODUCER.pdf beside it, both are
read with `parx text`; the table rows of the DOCX (lines "N<TAB>a | b | ...")
are aligned in order with the PDF's table rows ("N<TAB>[pK] a | b | ..."), and
a DOCX cell that is not empty agrees when the aligned PDF row has the same
text in the same column. Prints the agreement (cells equal / cells total) per
producer and per table shape; with GATES_JSON, exits 1 when a figure is below
its gate (a ratchet: raise the gates as the reader improves, never lower
them). Exit 77 when parx is missing.
"""
import difflib
import glob
import json
import os
import re
import subprocess
import sys

ROW = re.compile(r"^\d+\t(?:\[p\d+\] )?(.*)$")


def table_rows(parx, path):
    out = subprocess.run([parx, "text", path], stdout=subprocess.PIPE, stderr=subprocess.DEVNULL,
                         check=True, timeout=120).stdout.decode("utf-8")
    rows = []
    for line in out.splitlines():
        m = ROW.match(line)
        if m and " | " in m.group(1):
            rows.append([c.strip() for c in m.group(1).split(" | ")])
    return rows


def agreement(docx_rows, pdf_rows):
    """(equal, total) over the DOCX's non-empty cells."""
    total = sum(1 for r in docx_rows for c in r if c)
    keys = lambda rows: [" ".join(r) for r in rows]
    match = difflib.SequenceMatcher(None, keys(docx_rows), keys(pdf_rows), autojunk=False)
    equal = 0
    for tag, a0, a1, b0, b1 in match.get_opcodes():
        if tag not in ("equal", "replace"):
            continue
        for a, b in zip(range(a0, a1), range(b0, b1)):
            d, p = docx_rows[a], pdf_rows[b]
            equal += sum(1 for i, c in enumerate(d) if c and i < len(p) and p[i] == c)
    return equal, total


def shape_of(name):
    return name.split("-")[0]


def main():
    if len(sys.argv) < 3:
        print(__doc__, file=sys.stderr)
        return 2
    parx, data = sys.argv[1], sys.argv[2]
    gates = {}
    if len(sys.argv) > 3:
        with open(sys.argv[3], encoding="utf-8") as f:
            gates = json.load(f)
    if not os.access(parx, os.X_OK):
        print(f"parx not found: {parx}: skipped")
        return 77
    by_producer, by_shape, failures = {}, {}, []
    for docx in sorted(glob.glob(os.path.join(data, "*.docx"))):
        name = os.path.basename(docx)[:-5]
        want = table_rows(parx, docx)
        for pdf in sorted(glob.glob(os.path.join(data, name + ".*.pdf"))):
            producer = pdf[len(os.path.join(data, name)) + 1:-4]
            eq, tot = agreement(want, table_rows(parx, pdf))
            print(f"{name:32s} {producer:9s} {eq:4d}/{tot:<4d} {eq / tot if tot else 1:.3f}")
            for acc, key in ((by_producer, producer), (by_shape, (producer, shape_of(name)))):
                e, t = acc.get(key, (0, 0))
                acc[key] = (e + eq, t + tot)
    print()
    for producer, (eq, tot) in sorted(by_producer.items()):
        ratio = eq / tot if tot else 1.0
        print(f"{producer:9s} all        {eq:5d}/{tot:<5d} {ratio:.3f}")
        gate = gates.get(producer, {})
        if ratio < gate.get("all", 0):
            failures.append(f"{producer}: agreement {ratio:.3f} < gate {gate['all']}")
        for (p, shape), (e, t) in sorted(by_shape.items()):
            if p != producer:
                continue
            r = e / t if t else 1.0
            print(f"{'':9s} {shape:10s} {e:5d}/{t:<5d} {r:.3f}")
            if r < gate.get("shapes", {}).get(shape, 0):
                failures.append(f"{producer}/{shape}: agreement {r:.3f} < gate "
                                f"{gate['shapes'][shape]}")
    for f in failures:
        print("GATE FAILED:", f)
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
