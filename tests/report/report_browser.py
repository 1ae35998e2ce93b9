#!/usr/bin/env python3
"""parx report in a real browser: headless Chromium renders the report of a
corpus plan at a desktop width and at a phone's 390 px, takes screenshots,
and the page's DOM is checked: every deficit of the record is there, the
field chart has one bar per field, nothing overflows the phone's width, and
the page loaded no resource at all (no network, nothing external).

Usage: report_browser.py PARX_BINARY [SCREENSHOT_DIR]
Exit 77 (skipped) when Chromium or the corpus is not there."""
import json
import os
import re
import shutil
import subprocess
import sys
import tempfile

HERE = os.path.dirname(os.path.abspath(__file__))
REPO = os.path.normpath(os.path.join(HERE, "..", ".."))
AS_OF = "2022-06-30"
passed = failed = 0

# The probe runs in a page that frames the report at a given width, so the
# report's own viewport is exactly that wide (a headless window cannot be
# narrower than 500 px); the report itself has no script.
HARNESS = """<!DOCTYPE html><html><body style="margin:0">
<iframe id="f" src="report.html" style="width:%dpx;height:4000px;border:0"></iframe>
<script>
document.getElementById('f').addEventListener('load', function () {
  var w = this.contentWindow, d = this.contentDocument, r = {};
  r.width = w.innerWidth;
  r.scroll = d.documentElement.scrollWidth;
  r.resources = w.performance.getEntriesByType('resource').map(function (e) { return e.name; });
  r.deficits = Array.prototype.map.call(d.querySelectorAll('li.deficit'),
                                        function (e) { return e.textContent; });
  r.rows = Array.prototype.map.call(d.querySelectorAll('.chart.fields .row'), function (e) {
    return {label: e.querySelector('.label').textContent,
            bars: e.querySelectorAll('rect.bar.actual').length};
  });
  var p = document.createElement('pre');
  p.id = 'probe';
  p.textContent = JSON.stringify(r);
  document.body.appendChild(p);
});
</script></body></html>"""


def check(name, ok, detail=""):
    global passed, failed
    if ok:
        passed += 1
    else:
        failed += 1
        print(f"FAIL {name}" + (f": {str(detail)[:400]}" if detail else ""))


def chromium():
    for name in ("chromium", "chromium-browser", "google-chrome"):
        if shutil.which(name):
            return shutil.which(name)
    return None


def browse(browser, profile, url, width, extra):
    cmd = [browser, "--headless", "--no-sandbox", "--disable-gpu", "--disable-quic",
           "--no-first-run", "--disable-background-networking", "--disable-component-update",
           "--disable-sync", "--hide-scrollbars", "--allow-file-access-from-files",
           f"--user-data-dir={profile}", f"--window-size={max(width, 500)},2000"] + extra + [url]
    return subprocess.run(cmd, capture_output=True, timeout=120)


def field_labels(record):
    labels = []
    for s in record["scores"]:
        if s["code"] is None or "." not in s["code"]:
            label = f"{s['code']}. {s['title']}" if s["code"] and s["title"] else (
                s["code"] or s["title"] or "(không tên)")
            if label not in labels:
                labels.append(label)
    return labels


def main():
    binary = os.path.abspath(sys.argv[1])
    shots = sys.argv[2] if len(sys.argv) > 2 else None
    corpus = os.environ.get("PARX_CORPUS", os.path.join(REPO, "..", "shared", "corpus"))
    plan = os.path.join(corpus, "txt", "quangdien-2022.txt")
    browser = chromium()
    if not browser or not os.path.exists(plan):
        print("skipped: " + ("Chromium is not installed (scripts/deps.sh installs it where it can)"
                             if not browser else "no corpus"))
        return 77
    with tempfile.TemporaryDirectory() as tmp:
        record = json.loads(subprocess.run([binary, "extract", plan], capture_output=True,
                                           check=True).stdout)
        page = os.path.join(tmp, "report.html")
        r = subprocess.run([binary, "report", "--as-of", AS_OF, "-o", page, plan],
                           capture_output=True)
        check("report exits 0", r.returncode == 0, r.stderr.decode())
        html = open(page, encoding="utf-8").read()
        check("no script, no external reference",
              not re.search(r"<script|<link|<img|<iframe|@import|url\(|\bsrc=", html, re.I) and
              all(h.startswith("#") for h in re.findall(r'href="([^"]*)"', html)))
        check("lang and charset", '<html lang="vi">' in html and '<meta charset="utf-8">' in html)
        for width in (1280, 390):
            with open(os.path.join(tmp, "harness.html"), "w") as f:
                f.write(HARNESS % width)
            profile = os.path.join(tmp, f"profile-{width}")
            r = browse(browser, profile, "file://" + os.path.join(tmp, "harness.html"), width,
                       ["--dump-dom"])
            m = re.search(r'<pre id="probe">(.*?)</pre>', r.stdout.decode())
            check(f"{width}px: the page rendered", m, r.stderr.decode()[-300:])
            if not m:
                continue
            probe = json.loads(m.group(1).replace("&lt;", "<").replace("&gt;", ">")
                               .replace("&amp;", "&").replace("&quot;", '"'))
            check(f"{width}px: the viewport is that wide", probe["width"] == width, probe["width"])
            check(f"{width}px: nothing overflows the width", probe["scroll"] <= width,
                  f"{probe['scroll']} > {width}")
            check(f"{width}px: no request of any resource", probe["resources"] == [],
                  probe["resources"])
            check(f"{width}px: every deficit of the record",
                  len(probe["deficits"]) == len(record["deficits"]),
                  f"{len(probe['deficits'])} != {len(record['deficits'])}")
            shown = " ".join(probe["deficits"])
            missing = [d["reason"] for d in record["deficits"]
                       if d["reason"] and " ".join(d["reason"].split()) not in " ".join(shown.split())]
            check(f"{width}px: every deficit's reason", not missing, missing[:3])
            labels = field_labels(record)
            check(f"{width}px: one bar per field",
                  [row["label"] for row in probe["rows"]] == labels and
                  all(row["bars"] == 1 for row in probe["rows"]),
                  f"{probe['rows']} != {labels}")
            shot = os.path.join(tmp, f"report-{width}.png")
            r = browse(browser, profile + "-shot",
                       "file://" + (page if width > 500 else os.path.join(tmp, "harness.html")),
                       width, [f"--screenshot={shot}"])
            check(f"{width}px: a screenshot", os.path.exists(shot) and os.path.getsize(shot) > 10000)
            if shots and os.path.exists(shot):
                os.makedirs(shots, exist_ok=True)
                shutil.copy(shot, shots)
    print(f"{passed} passed, {failed} failed")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
