#!/usr/bin/env python3
"""Writes plan-like documents with varied tables, each as DOCX and as HTML from
one model, and renders them to PDF with LibreOffice (DOCX) and Chromium
(HTML), so that diff.py can check that the PDF reader rebuilds the cells the
DOCX reader reads.

    gen.py OUT_DIR [--all] [--render] [--only NAME ...]

Without --all, the fixed set that tests/diff/data holds; with --all, every
shape in every orientation, with and without borders. --render makes
NAME.lo.pdf (soffice) and NAME.chromium.pdf (chromium) beside NAME.docx and
NAME.html. Standard library only; the documents are the same at every run.
"""
import argparse
import html
import os
import random
import shutil
import subprocess
import sys
import tempfile
import zipfile

AGENCIES = ["Sở Nội vụ", "Sở Tư pháp", "Sở Tài chính", "Văn phòng UBND tỉnh",
            "Sở Thông tin và Truyền thông", "Sở Kế hoạch và Đầu tư", "Ban Dân tộc tỉnh",
            "UBND các huyện, thị xã, thành phố", "Sở Khoa học và Công nghệ"]
TASKS = ["Rà soát, đánh giá thủ tục hành chính", "Công khai kết quả giải quyết hồ sơ",
         "Kiểm tra công tác cải cách hành chính", "Cập nhật hồ sơ cán bộ, công chức",
         "Số hóa kết quả giải quyết thủ tục hành chính", "Tuyên truyền cải cách hành chính",
         "Đánh giá mức độ hài lòng của người dân", "Triển khai họp trực tuyến"]
LONG = ("trên cơ sở kết quả kiểm tra năm trước, tổ chức rà soát toàn bộ các quy trình nội bộ, "
        "báo cáo kết quả và đề xuất giải pháp khắc phục những tồn tại, hạn chế đã được chỉ ra")
DEADLINES = ["Quý I/2024", "Trước 15/11/2024", "Thường xuyên", "Tháng 6/2024", "Năm 2024"]


def score(rng):
    return f"{rng.randint(0, 9)},{rng.choice(['0', '25', '5', '75'])}"


# --- table shapes: each returns (header rows, body rows, column widths) ------
# A cell is a string, or a dict {"text", "span", "rows"} for merged cells; a
# cell covered by a merge is None.

def shape_oneline(rng, n=14):
    """Six columns of one-line rows, header cells wrapped on two lines."""
    head = [["STT", "Nội dung nhiệm vụ cần triển khai", "Cơ quan chủ trì thực hiện",
             "Cơ quan phối hợp thực hiện", "Thời gian hoàn thành", "Điểm tối đa"]]
    body = [[str(i + 1), rng.choice(TASKS)[:28], rng.choice(AGENCIES[:4]), rng.choice(AGENCIES[:3]),
             rng.choice(DEADLINES[:3]), score(rng)] for i in range(n)]
    return head, body, [6, 30, 20, 20, 14, 10]


def shape_wrapped(rng, n=8):
    """Multi-line cells in the task and agency columns."""
    head = [["STT", "Nhiệm vụ", "Cơ quan chủ trì", "Cơ quan phối hợp", "Thời hạn"]]
    body = [[str(i + 1), rng.choice(TASKS) + ", " + LONG[: rng.randint(40, len(LONG))],
             rng.choice(AGENCIES), ", ".join(rng.sample(AGENCIES, 2)), rng.choice(DEADLINES)]
            for i in range(n)]
    return head, body, [6, 44, 18, 20, 12]


def shape_twoheader(rng, n=10):
    """A two-row header: 'Năm 2019' spans 'Điểm' and 'Xếp hạng'."""
    head = [[{"text": "STT", "rows": 2}, {"text": "Lĩnh vực", "rows": 2},
             {"text": "Năm 2019", "span": 2}, None, {"text": "Năm 2020", "span": 2}, None],
            [None, None, "Điểm", "Xếp hạng", "Điểm", "Xếp hạng"]]
    body = [[str(i + 1), rng.choice(TASKS)[:30], score(rng), str(rng.randint(1, 63)), score(rng),
             str(rng.randint(1, 63))] for i in range(n)]
    return head, body, [7, 41, 13, 13, 13, 13]


def shape_vmerge(rng, n=9):
    """The agency column merged down over two or three rows."""
    head = [["STT", "Nhiệm vụ", "Cơ quan chủ trì", "Thời hạn"]]
    body, i = [], 0
    while i < n:
        k = min(rng.choice([1, 2, 3]), n - i)
        for j in range(k):
            agency = {"text": rng.choice(AGENCIES), "rows": k} if j == 0 and k > 1 else (
                None if j else rng.choice(AGENCIES))
            body.append([str(i + 1), rng.choice(TASKS), agency, rng.choice(DEADLINES)])
            i += 1
    return head, body, [7, 50, 26, 17]


def shape_narrowwide(rng, n=10):
    """A narrow number column beside one very wide column and two narrow ones."""
    head = [["TT", "Tiêu chí, tiêu chí thành phần", "Điểm", "Ghi chú"]]
    body = [[f"{i // 3 + 1}.{i % 3 + 1}", rng.choice(TASKS) + " " + LONG[: rng.randint(10, 60)],
             score(rng), rng.choice(["", "Đạt", "Không đạt"])] for i in range(n)]
    return head, body, [5, 73, 10, 12]


def shape_long(rng, n=60):
    """Rows enough to cross pages, the header repeated on each."""
    head, body, widths = shape_oneline(rng, n)
    return head, body, widths


def shape_twotables(rng):
    """Two tables with the same header on one page, a paragraph between."""
    head, body, widths = shape_oneline(rng, 10)
    return head, body[:4], widths, (head, body[4:])


def shape_nonumber(rng, n=9):
    """No number column: the agency opens each row, the task wraps in some."""
    head = [["Cơ quan chủ trì", "Nhiệm vụ", "Thời hạn", "Điểm"]]
    body = [[rng.choice(AGENCIES[:7]),
             rng.choice(TASKS) + ("" if i % 3 else ", " + LONG[: rng.randint(50, 110)]),
             rng.choice(DEADLINES), score(rng)] for i in range(n)]
    return head, body, [24, 50, 14, 10]


def shape_keyvalue(rng, n=7):
    """Two columns, a name and its value, without a header of its own."""
    keys = ["Tên chỉ số", "Năm đánh giá", "Đơn vị đánh giá", "Tổng điểm đạt được",
            "Xếp hạng", "Cơ quan thường trực", "Thời hạn báo cáo"]
    values = ["Chỉ số cải cách hành chính", "2023", "UBND tỉnh", score(rng) + "/100",
              str(rng.randint(1, 63)), rng.choice(AGENCIES[:3]), rng.choice(DEADLINES)]
    return [keys[:1] + values[:1]], [[k, v] for k, v in zip(keys[1:n], values[1:n])], [40, 60]


SHAPES = {"oneline": shape_oneline, "twotables": shape_twotables, "wrapped": shape_wrapped, "twoheader": shape_twoheader,
          "vmerge": shape_vmerge, "narrowwide": shape_narrowwide, "long": shape_long,
          "nonumber": shape_nonumber, "keyvalue": shape_keyvalue}

# The fixed set: (shape, orientation, borders).
FIXED = [("oneline", "portrait", True), ("oneline", "portrait", False),
         ("twotables", "portrait", True),
         ("wrapped", "portrait", True), ("twoheader", "landscape", True),
         ("vmerge", "portrait", True), ("narrowwide", "landscape", False),
         ("long", "portrait", True), ("long", "landscape", False),
         ("twoheader", "portrait", False), ("twotables", "landscape", False),
         ("nonumber", "portrait", False), ("nonumber", "landscape", False),
         ("nonumber", "portrait", True)]


def doc_name(shape, orient, borders):
    return f"{shape}-{orient}-{'ruled' if borders else 'plain'}"


def model(shape, orient, borders):
    rng = random.Random(f"{shape}/{orient}/{borders}")
    head, body, widths, *more = SHAPES[shape](rng)
    return {"title": f"KẾ HOẠCH cải cách hành chính năm 2024 ({shape})",
            "tables": [(head, body)] + more, "widths": widths, "landscape": orient == "landscape",
            "borders": borders}


# --- DOCX ---------------------------------------------------------------------

def esc(s):
    return html.escape(s, quote=True)


def run_xml(text, bold=False):
    rpr = "<w:rPr><w:b/></w:rPr>" if bold else ""
    return f'<w:p><w:r>{rpr}<w:t xml:space="preserve">{esc(text)}</w:t></w:r></w:p>'


def cell_xml(cell, width, row_index, covered_by, bold):
    """covered_by: the merge dict above this cell, for vertical merges."""
    props = f'<w:tcW w:w="{width}" w:type="dxa"/>'
    if covered_by is not None:
        span = covered_by.get("span", 1)
        if span > 1:
            props += f'<w:gridSpan w:val="{span}"/>'
        return f"<w:tc><w:tcPr>{props}<w:vMerge/></w:tcPr><w:p/></w:tc>"
    text = cell if isinstance(cell, str) else cell["text"]
    if isinstance(cell, dict):
        if cell.get("span", 1) > 1:
            props += f'<w:gridSpan w:val="{cell["span"]}"/>'
        if cell.get("rows", 1) > 1:
            props += '<w:vMerge w:val="restart"/>'
    return f"<w:tc><w:tcPr>{props}</w:tcPr>{run_xml(text, bold)}</w:tc>"


def rows_xml(rows, twips, header):
    out, above = [], {}
    for r, row in enumerate(rows):
        cells, c = [], 0
        while c < len(row):
            cell = row[c]
            if cell is None and c in above and above[c][1] > 0:
                merge = above[c]
                above[c] = (merge[0], merge[1] - 1)
                span = merge[0].get("span", 1)
                cells.append(cell_xml(None, sum(twips[c:c + span]), r, merge[0], header))
                c += span
                continue
            if cell is None:  # covered by a span to the left
                c += 1
                continue
            span = cell.get("span", 1) if isinstance(cell, dict) else 1
            if isinstance(cell, dict) and cell.get("rows", 1) > 1:
                above[c] = (cell, cell["rows"] - 1)
            cells.append(cell_xml(cell, sum(twips[c:c + span]), r, None, header))
            c += span
        trpr = "<w:trPr><w:tblHeader/></w:trPr>" if header else ""
        out.append(f"<w:tr>{trpr}{''.join(cells)}</w:tr>")
    return "".join(out)


def document_xml(m):
    page_w, page_h = (16838, 11906) if m["landscape"] else (11906, 16838)
    margin = 1134
    usable = page_w - 2 * margin
    total = sum(m["widths"])
    twips = [usable * w // total for w in m["widths"]]
    edge = "single" if m["borders"] else "nil"
    borders = "".join(f'<w:{s} w:val="{edge}" w:sz="4" w:space="0" w:color="808080"/>'
                      for s in ("top", "left", "bottom", "right", "insideH", "insideV"))
    grid = "".join(f'<w:gridCol w:w="{t}"/>' for t in twips)
    orient = ' w:orient="landscape"' if m["landscape"] else ""
    tables = "".join(
        f'{run_xml(f"Bảng {i + 1}. Nhiệm vụ kèm theo Kế hoạch:")}'
        f'<w:tbl><w:tblPr><w:tblW w:w="{usable}" w:type="dxa"/>'
        f'<w:tblBorders>{borders}</w:tblBorders><w:tblLayout w:type="fixed"/>'
        '<w:tblCellMar><w:left w:w="57" w:type="dxa"/><w:right w:w="57" w:type="dxa"/>'
        '</w:tblCellMar></w:tblPr>'
        f'<w:tblGrid>{grid}</w:tblGrid>'
        f'{rows_xml(head, twips, True)}{rows_xml(body, twips, False)}</w:tbl>'
        for i, (head, body) in enumerate(m["tables"]))
    return ('<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
            '<w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main">'
            f'<w:body>{run_xml(m["title"], True)}{tables}'
            f'{run_xml("Trên đây là Kế hoạch cải cách hành chính năm 2024./.")}'
            f'<w:sectPr><w:pgSz w:w="{page_w}" w:h="{page_h}"{orient}/>'
            f'<w:pgMar w:top="{margin}" w:right="{margin}" w:bottom="{margin}" w:left="{margin}"'
            ' w:header="0" w:footer="0" w:gutter="0"/></w:sectPr></w:body></w:document>')


STYLES = ('<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
          '<w:styles xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main">'
          '<w:docDefaults><w:rPrDefault><w:rPr><w:rFonts w:ascii="Liberation Serif" '
          'w:hAnsi="Liberation Serif" w:cs="Liberation Serif"/><w:sz w:val="22"/></w:rPr>'
          '</w:rPrDefault><w:pPrDefault><w:pPr><w:spacing w:before="0" w:after="0" '
          'w:line="240" w:lineRule="auto"/></w:pPr></w:pPrDefault></w:docDefaults></w:styles>')
CONTENT_TYPES = (
    '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
    '<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
    '<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>'
    '<Default Extension="xml" ContentType="application/xml"/>'
    '<Override PartName="/word/document.xml" ContentType="application/vnd.openxmlformats-'
    'officedocument.wordprocessingml.document.main+xml"/>'
    '<Override PartName="/word/styles.xml" ContentType="application/vnd.openxmlformats-'
    'officedocument.wordprocessingml.styles+xml"/></Types>')
RELS = ('<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
        '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
        '<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/'
        'relationships/officeDocument" Target="word/document.xml"/></Relationships>')
DOC_RELS = ('<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
            '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
            '<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/'
            'relationships/styles" Target="styles.xml"/></Relationships>')


def write_docx(m, path):
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as z:
        for name, data in (("[Content_Types].xml", CONTENT_TYPES), ("_rels/.rels", RELS),
                           ("word/_rels/document.xml.rels", DOC_RELS),
                           ("word/styles.xml", STYLES), ("word/document.xml", document_xml(m))):
            info = zipfile.ZipInfo(name, date_time=(2024, 1, 1, 0, 0, 0))  # same bytes every run
            z.writestr(info, data, zipfile.ZIP_DEFLATED)


# --- HTML ---------------------------------------------------------------------

def html_rows(rows, tag):
    out = []
    for row in rows:
        cells = []
        for cell in row:
            if cell is None:
                continue
            if isinstance(cell, str):
                cells.append(f"<{tag}>{esc(cell)}</{tag}>")
                continue
            attrs = (f' colspan="{cell["span"]}"' if cell.get("span", 1) > 1 else "") + (
                f' rowspan="{cell["rows"]}"' if cell.get("rows", 1) > 1 else "")
            cells.append(f"<{tag}{attrs}>{esc(cell['text'])}</{tag}>")
        out.append(f"<tr>{''.join(cells)}</tr>")
    return "".join(out)


def write_html(m, path):
    total = sum(m["widths"])
    cols = "".join(f'<col style="width:{100 * w / total:.2f}%">' for w in m["widths"])
    border = "0.5pt solid #808080" if m["borders"] else "none"
    size = "A4 landscape" if m["landscape"] else "A4 portrait"
    tables = "".join(
        f"<p>Bảng {i + 1}. Nhiệm vụ kèm theo Kế hoạch:</p>"
        f"<table><colgroup>{cols}</colgroup><thead>{html_rows(head, 'th')}</thead>"
        f"<tbody>{html_rows(body, 'td')}</tbody></table>"
        for i, (head, body) in enumerate(m["tables"]))
    page = (f"<!DOCTYPE html><html lang=\"vi\"><head><meta charset=\"utf-8\"><style>"
            f"@page {{ size: {size}; margin: 2cm; }}"
            "body { font-family: 'Liberation Serif', serif; font-size: 11pt; margin: 0; }"
            "p { margin: 0; } table { border-collapse: collapse; width: 100%; table-layout: fixed; }"
            f"td, th {{ border: {border}; padding: 0 3pt; vertical-align: top; font-weight: normal;"
            " text-align: left; }} thead { display: table-header-group; }"
            "</style></head><body>"
            f"<p><b>{esc(m['title'])}</b></p>{tables}"
            "<p>Trên đây là Kế hoạch cải cách hành chính năm 2024./.</p></body></html>")
    with open(path, "w", encoding="utf-8") as f:
        f.write(page)


# --- rendering ------------------------------------------------------------------

def render_lo(docx, out_pdf):
    with tempfile.TemporaryDirectory() as tmp:
        subprocess.run(["soffice", f"-env:UserInstallation=file://{tmp}/profile", "--headless",
                        "--convert-to", "pdf", "--outdir", tmp, docx], check=True,
                       stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, timeout=300)
        shutil.move(os.path.join(tmp, os.path.basename(docx)[:-5] + ".pdf"), out_pdf)


def render_chromium(page, out_pdf):
    browser = shutil.which("chromium") or shutil.which("chromium-browser")
    with tempfile.TemporaryDirectory() as tmp:
        subprocess.run([browser, "--headless", "--no-sandbox", "--disable-gpu",
                        f"--user-data-dir={tmp}", "--no-pdf-header-footer",
                        f"--print-to-pdf={out_pdf}", "file://" + os.path.abspath(page)],
                       check=True, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
                       timeout=300)


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("out")
    ap.add_argument("--all", action="store_true", help="every shape, orientation and border")
    ap.add_argument("--render", action="store_true", help="render the PDFs too")
    ap.add_argument("--only", nargs="*", help="only these document names")
    a = ap.parse_args()
    docs = ([(s, o, b) for s in SHAPES for o in ("portrait", "landscape") for b in (True, False)]
            if a.all else FIXED)
    os.makedirs(a.out, exist_ok=True)
    for shape, orient, borders in docs:
        name = doc_name(shape, orient, borders)
        if a.only and name not in a.only:
            continue
        m = model(shape, orient, borders)
        base = os.path.join(a.out, name)
        write_docx(m, base + ".docx")
        write_html(m, base + ".html")
        if a.render:
            render_lo(base + ".docx", base + ".lo.pdf")
            render_chromium(base + ".html", base + ".chromium.pdf")
        print(name, file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())
