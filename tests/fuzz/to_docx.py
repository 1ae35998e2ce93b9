#!/usr/bin/env python3
"""Packs a fuzz_docx input (document.xml[NUL numbering.xml[NUL styles.xml]])
into the DOCX that fuzz_docx.c builds from it, so that a finding can be
kept in tests/regressions/ as a file `parx extract` reads.

    to_docx.py FINDING OUT.docx
"""
import io
import sys
import zipfile

TYPES = ('<?xml version="1.0"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/'
         'content-types"><Override PartName="/word/document.xml" ContentType="application/'
         'vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/></Types>')
PARTS = ("word/document.xml", "word/numbering.xml", "word/styles.xml")


def pack(parts, compression=zipfile.ZIP_STORED):
    """The DOCX of a list of part contents (bytes or str), in PARTS order."""
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w", compression) as z:
        for name, data in [("[Content_Types].xml", TYPES)] + list(zip(PARTS, parts)):
            # a fixed date, so that the same parts give the same bytes
            z.writestr(zipfile.ZipInfo(name, (2024, 1, 1, 0, 0, 0)), data, compression)
    return buf.getvalue()


def main():
    data = open(sys.argv[1], "rb").read()
    parts = []
    while data and len(parts) < 3:  # as fuzz_docx.c splits it
        part, nul, data = data.partition(b"\0")
        parts.append(part)
    with open(sys.argv[2], "wb") as f:
        f.write(pack(parts))


if __name__ == "__main__":
    main()
