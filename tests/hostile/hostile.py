#!/usr/bin/env python3
"""Hostile input: parx must neither crash nor hang, and must name the file.

    hostile.py PARX_BINARY

Each input is built here (no data files). For each, parx runs under a time
limit; it must exit 0 (read) or 1 (refused, with a message on stderr that
names the file). A signal, another exit code or the time limit fails. The
limit is generous (sanitizer builds are slow): it catches hangs and
quadratic blow-ups, not slowness, which bench/ measures.
"""
import io
import os
import subprocess
import sys
import tempfile
import zipfile

LIMIT_SECONDS = 120

DOCX_TYPES = ('<?xml version="1.0"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/'
              'content-types"><Override PartName="/word/document.xml" ContentType="application/'
              'vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/></Types>')
W = 'xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"'


def docx(document_xml, compression=zipfile.ZIP_DEFLATED):
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w", compression) as z:
        z.writestr("[Content_Types].xml", DOCX_TYPES)
        z.writestr("word/document.xml", document_xml)
    return buf.getvalue()


def zip_bomb():
    body = f'<w:document {W}><w:body><w:p><w:r><w:t>' + "a" * (300 << 20) + "</w:t></w:r></w:p></w:body></w:document>"
    return docx(body)


def billion_laughs():
    ents = '<!ENTITY l0 "ha">' + "".join(f'<!ENTITY l{i} "{("&l%d;" % (i - 1)) * 10}">' for i in range(1, 10))
    return docx(f'<?xml version="1.0"?><!DOCTYPE w:document [{ents}]><w:document {W}><w:body><w:p><w:r>'
                '<w:t>&l9;</w:t></w:r></w:p></w:body></w:document>')


def external_entity():
    return docx(f'<?xml version="1.0"?><!DOCTYPE d [<!ENTITY x SYSTEM "file:///etc/passwd">]>'
                f'<w:document {W}><w:body><w:p><w:r><w:t>&x;</w:t></w:r></w:p></w:body></w:document>')


def deep_xml():
    return docx(f'<w:document {W}><w:body>' + "<w:tbl><w:tr><w:tc>" * 5000 + "<w:p/>" +
                "</w:tc></w:tr></w:tbl>" * 5000 + "</w:body></w:document>")


def wide_span():
    return docx(f'<w:document {W}><w:body><w:tbl><w:tr><w:tc><w:tcPr><w:gridSpan w:val="2000000000"/>'
                '</w:tcPr><w:p/></w:tc></w:tr></w:tbl></w:body></w:document>')


def pdf_prefix():
    with open(os.path.join(os.path.dirname(__file__), "..", "..", "examples", "ke-hoach-mau.txt"), "rb") as f:
        text = f.read()
    return b"%PDF-1.7\n1 0 obj << /Type /Catalog /Pages 2 0 R >> endobj\n" + text[:200] + b"\ntrailer << /Root 1 0 R >>\n%%EOF\n"


CASES = {
    "empty.txt": b"",
    "bom-only.txt": b"\xef\xbb\xbf",
    "invalid-utf8.txt": b"K\xe1\xba\xbe HO\xff\xfeCH\n",
    "utf16-odd.txt": b"\xff\xfeK\x00\x00",
    "nul-bytes.bin": b"\x00" * 4096,
    "random.bin": os.urandom(1 << 16),
    "dates-line.txt": ("a) Sở Nội vụ\n- Làm " + "trước ngày 15/11/2022, " * 40000 + "\n").encode(),
    "scores-line.txt": ("- Tiêu chí 1.1 đạt 0,5/1 điểm, lý do " * 20000 + "\n").encode(),
    "agencies-line.txt": ("Sở Nội vụ, " * 50000 + "chủ trì thực hiện.\n").encode(),
    "wide-row.txt": ("\t".join(["STT"] + ["x"] * 20000) + "\n" + "\t".join(["1"] * 20001) + "\n").encode(),
    "many-rows.txt": ("TT\tNội dung\tCơ quan chủ trì\n" + "".join(f"{i}\tViệc {i}\t\n" for i in range(50000))).encode(),
    "tags.txt": ("<b>" * 100000 + "Sở Nội vụ" + "</b>" * 100000 + "\n").encode(),
    "stars.txt": ("*" * 200000 + "\n").encode(),
    "long-no-newline.txt": ("Kế hoạch " * 300000).encode(),
    "zip-bomb.docx": zip_bomb(),
    "billion-laughs.docx": billion_laughs(),
    "external-entity.docx": external_entity(),
    "deep-nesting.docx": deep_xml(),
    "wide-span.docx": wide_span(),
    "not-docx.zip": b"PK\x05\x06" + b"\x00" * 18,
    "truncated.docx": docx(f'<w:document {W}><w:body><w:p><w:r><w:t>x</w:t></w:r></w:p></w:body></w:document>')[:100],
    "malformed.pdf": b"%PDF-1.4\n" + os.urandom(4096),
    "tiny.pdf": pdf_prefix(),
    "ole.doc": b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\x00" * 1024,
}


def main():
    binary = sys.argv[1]
    failures = 0
    with tempfile.TemporaryDirectory() as tmp:
        for name, data in CASES.items():
            path = os.path.join(tmp, name)
            with open(path, "wb") as f:
                f.write(data)
            try:
                r = subprocess.run([binary, "extract", path], stdout=subprocess.DEVNULL,
                                   stderr=subprocess.PIPE, timeout=LIMIT_SECONDS)
            except subprocess.TimeoutExpired:
                print(f"FAIL {name}: still running after {LIMIT_SECONDS} s")
                failures += 1
                continue
            err = r.stderr.decode(errors="replace").strip()
            ok = r.returncode == 0 or (r.returncode == 1 and name in err)
            if "AddressSanitizer" in err or "runtime error" in err:
                ok = False
            print(f"{'ok  ' if ok else 'FAIL'} {name}: exit {r.returncode} {err[:160]}")
            failures += not ok
    print(f"{len(CASES) - failures} passed, {failures} failed")
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
