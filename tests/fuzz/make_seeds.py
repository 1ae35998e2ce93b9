#!/usr/bin/env python3
"""Writes the fuzz seeds and dictionary of tests/fuzz (run once; the output
is kept in the repository, so the corpus is needed only to remake it).

    make_seeds.py [CORPUS]      (default ../shared/corpus)

seeds/text     the corpus's text plans cut into pieces of about 4 KB
seeds/docx     document.xml NUL numbering.xml NUL styles.xml, for fuzz_docx
seeds/pdf      small PDFs written here (uncompressed, so mutations land)
seeds/rules    core.rules cut at its sections, and a few odd rule files
seeds/extract  a few of each kind, the DOCX as real ZIP files
parx.dict      Vietnamese plan words, DOCX XML names, PDF operators
"""
import io
import os
import re
import shutil
import sys
import xml.etree.ElementTree as ET
import zipfile
import zlib

import to_docx

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(os.path.dirname(HERE))
CORPUS = sys.argv[1] if len(sys.argv) > 1 else os.path.join(ROOT, "..", "shared", "corpus")
PIECE = 4096
W_NS = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
W = f'xmlns:w="{W_NS}"'


def put(kind, name, data):
    os.makedirs(os.path.join(HERE, "seeds", kind), exist_ok=True)
    with open(os.path.join(HERE, "seeds", kind, name), "wb") as f:
        f.write(data if isinstance(data, bytes) else data.encode())


def text_pieces():
    txt = os.path.join(CORPUS, "txt")
    for name in sorted(os.listdir(txt)) if os.path.isdir(txt) else []:
        lines = open(os.path.join(txt, name), "rb").read().splitlines(keepends=True)
        piece, k = b"", 0
        for line in lines:
            if len(piece) + len(line) > PIECE and piece:
                put("text", f"{name[:-4]}-{k:02d}.txt", piece)
                piece, k = b"", k + 1
            piece += line
        if piece:
            put("text", f"{name[:-4]}-{k:02d}.txt", piece)


def para(text, style=None, num=None):
    ppr = ""
    if style or num:
        ppr = "<w:pPr>" + (f'<w:pStyle w:val="{style}"/>' if style else "")
        ppr += (f'<w:numPr><w:ilvl w:val="{num[1]}"/><w:numId w:val="{num[0]}"/></w:numPr>'
                if num else "") + "</w:pPr>"
    return f"<w:p>{ppr}<w:r><w:t xml:space=\"preserve\">{text}</w:t></w:r></w:p>"


def cell(text, props=""):
    return f"<w:tc><w:tcPr>{props}</w:tcPr>{para(text)}</w:tc>"


def document(body):
    return f'<?xml version="1.0" encoding="UTF-8"?><w:document {W}><w:body>{body}</w:body></w:document>'


NUMBERING = (f'<?xml version="1.0"?><w:numbering {W}><w:abstractNum w:abstractNumId="0">'
             '<w:lvl w:ilvl="0"><w:start w:val="1"/><w:numFmt w:val="decimal"/><w:lvlText w:val="%1."/></w:lvl>'
             '<w:lvl w:ilvl="1"><w:start w:val="1"/><w:numFmt w:val="lowerLetter"/><w:lvlText w:val="%2)"/></w:lvl>'
             '<w:lvl w:ilvl="2"><w:numFmt w:val="upperRoman"/><w:lvlText w:val="%1.%2.%3"/></w:lvl>'
             '</w:abstractNum><w:num w:numId="1"><w:abstractNumId w:val="0"/>'
             '<w:lvlOverride w:ilvl="0"><w:startOverride w:val="3"/></w:lvlOverride></w:num></w:numbering>')
STYLES = (f'<?xml version="1.0"?><w:styles {W}><w:style w:type="paragraph" w:styleId="Heading1">'
          '<w:pPr><w:numPr><w:numId w:val="1"/></w:numPr></w:pPr></w:style>'
          '<w:style w:type="paragraph" w:styleId="Heading2"><w:basedOn w:val="Heading1"/>'
          '<w:pPr><w:numPr><w:ilvl w:val="1"/></w:numPr></w:pPr></w:style></w:styles>')


def crafted_docx():
    """(name, document.xml, numbering.xml or None, styles.xml or None)"""
    plan = (para("ỦY BAN NHÂN DÂN HUYỆN AN LẠC") + para("Số: 45/KH-UBND") +
            para("An Lạc, ngày 15 tháng 02 năm 2024") + para("KẾ HOẠCH") +
            para("Nâng cao Chỉ số cải cách hành chính (PAR Index) năm 2024") +
            para("Năm 2023, Chỉ số CCHC của huyện đạt 85,5 điểm, xếp thứ 3/10."))
    table = ("<w:tbl><w:tblGrid><w:gridCol/><w:gridCol/><w:gridCol/><w:gridCol/></w:tblGrid>"
             "<w:tr>" + cell("TT") + cell("Nhiệm vụ") + cell("Cơ quan chủ trì") + cell("Thời gian") + "</w:tr>"
             "<w:tr>" + cell("1") + cell("Rà soát thủ tục hành chính") + cell("Văn phòng HĐND và UBND", '<w:vMerge w:val="restart"/>') + cell("Quý II/2024") + "</w:tr>"
             "<w:tr>" + cell("2") + cell("Tiêu chí 5.4: 0,25/0,5 điểm") + cell("", "<w:vMerge/>") + cell("Tháng 6/2024") + "</w:tr>"
             "<w:tr><w:trPr><w:gridBefore w:val=\"1\"/></w:trPr>" + cell("Phòng Nội vụ", '<w:gridSpan w:val="3"/>') + "</w:tr>"
             "</w:tbl>")
    nested = ("<w:tbl><w:tr><w:tc>" + para("TCTP 1.2.3") + "<w:tbl><w:tr>" + cell("a") + cell("b") +
              "</w:tr></w:tbl></w:tc>" + cell("1/2") + "</w:tr></w:tbl>")
    lists = (para("Mục tiêu", "Heading1") + para("Nội dung", "Heading2") +
             para("Tăng 2 bậc so với năm 2023", num=("1", "0")) + para("Kiểm tra", num=("1", "1")) +
             para("Lĩnh vực 2", num=("1", "2")))
    odd = ('<w:sdt><w:sdtPr><w:showingPlcHdr/></w:sdtPr><w:sdtContent>' + para("Nhập văn bản") +
           '</w:sdtContent></w:sdt><w:p><w:hyperlink><w:r><w:t>Sở Nội vụ</w:t></w:r></w:hyperlink>'
           '<w:r><w:tab/><w:t>chủ trì</w:t><w:br/><w:t>phối hợp</w:t><w:noBreakHyphen/><w:t>x</w:t></w:r>'
           '<w:ins><w:r><w:t>mới</w:t></w:r></w:ins><w:del><w:r><w:delText>cũ</w:delText></w:r></w:del>'
           '<w:fldSimple><w:r><w:t>3</w:t></w:r></w:fldSimple><w:smartTag><w:r><w:t>tag</w:t></w:r></w:smartTag>'
           '<w:r><w:txbxContent><w:p><w:r><w:t>hộp</w:t></w:r></w:p></w:txbxContent></w:r></w:p>')
    return [("plan", document(plan), None, None), ("table", document(table), None, None),
            ("nested", document(nested), None, None), ("lists", document(lists), NUMBERING, STYLES),
            ("odd", document(odd), None, None)]


def real_docx():
    """The opening of one corpus DOCX body, cut at whole top-level elements."""
    path = os.path.join(CORPUS, "docx", "quangnam-2020.docx")
    if not os.path.exists(path):
        return []
    ET.register_namespace("w", W_NS)
    xml = zipfile.ZipFile(path).read("word/document.xml")
    for prefix, uri in re.findall(rb'xmlns:(\w+)="([^"]+)"', xml[:4000]):
        ET.register_namespace(prefix.decode(), uri.decode())
    root = ET.fromstring(xml)
    body = root.find(f"{{{W_NS}}}body")
    kept = 0
    for child in list(body):
        kept += len(ET.tostring(child))
        if kept > 12000:
            body.remove(child)
    return [("quangnam", ET.tostring(root, encoding="unicode"), None, None)]


def docx_zip(doc, numbering, styles):
    return to_docx.pack([doc] + ([numbering or ""] if numbering or styles else []) +
                        ([styles] if styles else []), zipfile.ZIP_DEFLATED)


def pdf(pages, compress=False):
    """A PDF of Helvetica text: pages is a list of lists of (x, y, text) and
    ('rect', x, y, w, h) items."""
    objs = ["<< /Type /Catalog /Pages 2 0 R >>", None,
            "<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica /Encoding /WinAnsiEncoding >>"]
    kids = []
    for items in pages:
        ops = []
        for it in items:
            if it[0] == "rect":
                ops.append("%g %g %g %g re S" % it[1:])
            else:
                x, y, t = it
                t = t.replace("\\", "\\\\").replace("(", "\\(").replace(")", "\\)")
                ops.append(f"BT /F1 10 Tf {x} {y} Td ({t}) Tj ET")
        data = "\n".join(ops).encode("cp1252", "replace")
        if compress:
            data = zlib.compress(data)
            head = f"<< /Length {len(data)} /Filter /FlateDecode >>"
        else:
            head = f"<< /Length {len(data)} >>"
        objs.append(head.encode() + b"\nstream\n" + data + b"\nendstream")
        content = len(objs)
        objs.append(f"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] "
                    f"/Resources << /Font << /F1 3 0 R >> >> /Contents {content} 0 R >>")
        kids.append(len(objs))
    objs[1] = f"<< /Type /Pages /Kids [{' '.join(f'{k} 0 R' for k in kids)}] /Count {len(kids)} >>"
    out = b"%PDF-1.4\n"
    offsets = []
    for i, o in enumerate(objs, 1):
        offsets.append(len(out))
        out += f"{i} 0 obj\n".encode() + (o if isinstance(o, bytes) else o.encode()) + b"\nendobj\n"
    xref = len(out)
    out += f"xref\n0 {len(objs) + 1}\n0000000000 65535 f \n".encode()
    out += b"".join(f"{o:010d} 00000 n \n".encode() for o in offsets)
    out += f"trailer\n<< /Size {len(objs) + 1} /Root 1 0 R >>\nstartxref\n{xref}\n%%EOF\n".encode()
    return out


def crafted_pdfs():
    head = [(60, 800, "UY BAN NHAN DAN"), (350, 800, "CONG HOA XA HOI CHU NGHIA VIET NAM"),
            (60, 785, "So: 45/KH-UBND"), (350, 785, "An Lac, ngay 15 thang 02 nam 2024"),
            (250, 750, "KE HOACH"), (120, 735, "Nang cao Chi so cai cach hanh chinh nam 2024")]
    prose = [(60, 700 - 14 * i, t) for i, t in enumerate([
        "1. Nam 2023, Chi so CCHC cua huyen dat 85,5 diem, xep thu 3/10.",
        "a) Tieu chi 5.4: dat 0,25/0,5 diem, ly do: chua cong khai dung han.",
        "- Phong Noi vu chu tri, phoi hop cac co quan, hoan thanh truoc 30/6/2024.",
        "TCTP 1.2.3 TCTP 1.2.3 TCTP 1.2.3"])]
    table = []
    cols = [(60, "TT"), (90, "Nhiem vu"), (300, "Co quan chu tri"), (450, "Thoi gian")]
    rows = [cols, [(60, "1"), (90, "Ra soat thu tuc"), (300, "Van phong"), (450, "Quy II/2024")],
            [(60, "2"), (90, "Cong khai ket qua"), (300, "So Noi vu"), (450, "Thang 6/2024")]]
    for r, row in enumerate(rows):
        y = 600 - 20 * r
        for x, t in row:
            table.append((x + 3, y + 6, t))
        for k, (x, _) in enumerate(row):
            right = row[k + 1][0] if k + 1 < len(row) else 540
            table.append(("rect", x, y, right - x, 20))
    footer = lambda n: [(290, 30, str(n))]
    return [("plan.pdf", pdf([head + prose + footer(1)])),
            ("table.pdf", pdf([table + footer(1)])),
            ("two-pages.pdf", pdf([head + table + footer(1), table[:12] + prose + footer(2)])),
            ("compressed.pdf", pdf([head + prose], compress=True))]


def rules_seeds():
    core = open(os.path.join(ROOT, "rules", "core.rules"), "rb").read()
    for k, part in enumerate(re.split(rb"\n(?=# ---)", core)):
        put("rules", f"core-{k:02d}.rules", part + b"\n")
    put("rules", "odd.rules",
        "# overrides and oddities\ncode.label   (?<nocode>x)\nscore.fraction (?i)đạt\n"
        "index.PAR_INDEX  (?i)par\\s*index\n\n   \t\nbad name with spaces  x\nx.y\n"
        "deadline.q (?<year>\\d{4})(?<year2>\\d)\\p{L}+\r\n")


DICT_WORDS = [
    # plan words
    "Chỉ số", "cải cách hành chính", "CCHC", "PAR Index", "SIPAS", "Tiêu chí", "tiêu chí thành phần",
    "TCTP", "Lĩnh vực", "điểm", "đạt", "trừ", "bị trừ", "lý do", "nguyên nhân", "xếp thứ", "xếp hạng",
    "Kế hoạch", "KẾ HOẠCH", "Quyết định", "UBND", "/KH-UBND", "/QĐ-UBND", "Số:", "ngày", "tháng",
    "năm", "Quý", "quý I", "6 tháng", "hằng năm", "trước ngày", "chủ trì", "phối hợp",
    "Cơ quan chủ trì", "Thời gian hoàn thành", "Nhiệm vụ", "Sở Nội vụ", "Văn phòng", "Phòng",
    "huyện", "tỉnh", "thành phố", "phấn đấu", "mục tiêu", "không đánh giá", "TT", "STT", "%",
    "0,25/0,5", "85,5", "3/10", "1.2.3", "I.", "II.", "a)", "- ", " | ", "\t", "\r\n",
    # DOCX names and markup
    "<w:p>", "</w:p>", "<w:r>", "<w:t>", "</w:t>", "<w:tbl>", "</w:tbl>", "<w:tr>", "<w:tc>",
    "<w:tcPr>", "w:gridSpan", "w:vMerge", "w:val=\"restart\"", "w:gridBefore", "<w:numPr>",
    "w:ilvl", "w:numId", "w:pStyle", "w:val=", "w:abstractNum", "w:abstractNumId", "w:lvlText",
    "w:numFmt", "w:lvlOverride", "w:startOverride", "w:basedOn", "w:styleId", "<w:sdt>",
    "<w:sdtContent>", "w:showingPlcHdr", "w:txbxContent", "<w:tab/>", "<w:br/>", "w:hyperlink",
    "w:fldSimple", "w:ins", "w:del", "w:smartTag", "w:customXml", "w:footnoteReference",
    "w:body", "w:document", W, "<?xml version=\"1.0\"?>", "<!DOCTYPE", "<!ENTITY", "&amp;",
    "&#x1EA1;", "<![CDATA[", "word/document.xml", "[Content_Types].xml", "PK\x03\x04", "PK\x01\x02",
    "PK\x05\x06",
    # PDF
    "%PDF-1.4", "obj", "endobj", "stream", "endstream", "xref", "trailer", "startxref", "%%EOF",
    "/Type /Page", "/Kids", "/Count", "/MediaBox", "/Contents", "/Font", "/FlateDecode",
    "/Length", "/Encrypt", "/ToUnicode", "BT", "ET", "Tf", "Td", "TD", "Tm", "Tj", "TJ", "'", "re S",
    "cm", "q", "Q",
    # rule files
    "(?<code>", "(?<score>", "(?<max>", "(?<lost>", "(?<reason>", "(?<year>", "(?i)", "\\p{L}",
    "(?>", "(?=", "(?<!", "code.label", "score.fraction", "index.", "deadline.", "column.",
]


def dictionary():
    def esc(s):
        return "".join(c if 32 <= b < 127 and c not in '"\\' else f"\\x{b:02x}"
                       for b in s.encode() for c in [chr(b)])
    with open(os.path.join(HERE, "parx.dict"), "w") as f:
        f.write("# libFuzzer/AFL dictionary (made by make_seeds.py): plan words, DOCX and PDF names\n")
        for i, w in enumerate(DICT_WORDS):
            f.write(f'w{i:03d}="{esc(w)}"\n')


def main():
    shutil.rmtree(os.path.join(HERE, "seeds"), ignore_errors=True)
    text_pieces()
    docx = crafted_docx() + real_docx()
    for name, doc, numbering, styles in docx:
        parts = [doc] + ([numbering or ""] if numbering or styles else []) + ([styles] if styles else [])
        put("docx", name + ".xml", "\0".join(parts))
        put("extract", name + ".docx", docx_zip(doc, numbering, styles))
    for name, data in crafted_pdfs():
        put("pdf", name, data)
        put("extract", name, data)
    rules_seeds()
    texts = sorted(os.listdir(os.path.join(HERE, "seeds", "text"))) if os.path.isdir(
        os.path.join(HERE, "seeds", "text")) else []
    for name in texts[::12]:
        shutil.copy(os.path.join(HERE, "seeds", "text", name), os.path.join(HERE, "seeds", "extract", name))
    dictionary()


if __name__ == "__main__":
    main()
