#!/usr/bin/env python3
"""parx catalog and parx check on the corpus, driven by cases.json.

    check_corpus.py PARX_BINARY

- every shipped catalog (data/catalogs) is valid against
  data/catalog.schema.json and is what `parx catalog` derives again;
- the document of each shipped catalog, in every form, has nothing missing
  against it, and every form gives the same findings;
- edits of a corpus document (rows dropped, text replaced) add and remove
  exactly the findings listed.
The corpus is $PARX_CORPUS, else ../shared/corpus; without it the corpus
parts are skipped (exit 77 when nothing could run).
"""
import json
import os
import subprocess
import sys
import tempfile

SKIP = 77
HERE = os.path.dirname(os.path.abspath(__file__))
REPO = os.path.abspath(os.path.join(HERE, "..", ".."))
failures = []


def fail(msg):
    failures.append(msg)
    print("FAIL", msg)


def run(*args):
    return subprocess.run(args, capture_output=True, text=True)


def validate_schema():
    try:
        import jsonschema
    except ImportError:
        fail("python3-jsonschema is not installed (scripts/deps.sh installs it)")
        return
    with open(os.path.join(REPO, "data", "catalog.schema.json")) as f:
        schema = json.load(f)
    jsonschema.Draft202012Validator.check_schema(schema)
    cat_dir = os.path.join(REPO, "data", "catalogs")
    for name in sorted(os.listdir(cat_dir)):
        with open(os.path.join(cat_dir, name)) as f:
            errors = list(jsonschema.Draft202012Validator(schema).iter_errors(json.load(f)))
        for e in errors:
            fail("%s: %s at %s" % (name, e.message, list(e.path)))


def key(finding):
    """A finding without its place: the place moves when lines are dropped."""
    numbers = [None if v is None else round(v, 6) for v in (finding["value"], finding["expected"])]
    return json.dumps([finding["kind"], finding["codes"]] + numbers)


def check(binary, catalog, path):
    p = run(binary, "check", "--json", "-c", catalog, path)
    if p.returncode not in (0, 1):
        fail("parx check %s: exit %d: %s" % (path, p.returncode, p.stderr.strip()))
        return None
    report = json.loads(p.stdout)
    if (p.returncode == 1) != bool(report["findings"]):
        fail("%s: exit %d with %d findings" % (path, p.returncode, len(report["findings"])))
    return report


def rederive(binary, corpus, entry):
    p = run(binary, "catalog", "-q", "--name", entry["name"], *entry["args"],
            os.path.join(corpus, entry["from"]))
    with open(os.path.join(REPO, "data", "catalogs", entry["name"] + ".json")) as f:
        shipped = json.load(f)
    if p.returncode or json.loads(p.stdout) != shipped:
        fail("%s: parx catalog %s no longer derives the shipped catalog" % (entry["name"], entry["from"]))


def every_form(binary, corpus, entry, forms):
    stem = os.path.splitext(os.path.basename(entry["from"]))[0]
    seen = {}
    for form in forms:
        ext = "txt" if form == "txt" else "docx" if "docx" in form else "pdf"
        report = check(binary, entry["name"], os.path.join(corpus, form, stem + "." + ext))
        if report is None:
            continue
        if report["counts"]["missing"]:
            fail("%s/%s: missing %s" % (form, stem, [f["codes"] for f in report["findings"]
                                                      if f["kind"] == "missing"]))
        seen[form] = sorted(key(f) for f in report["findings"])
    for form, found in seen.items():
        if found != seen[forms[0]]:
            fail("%s/%s: findings differ from %s/%s: %s" % (
                form, stem, forms[0], stem, sorted(set(found) ^ set(seen[forms[0]]))))


def edited(corpus, edit, tmp):
    with open(os.path.join(corpus, edit["document"]), encoding="utf-8") as f:
        text = f.read()
    for old, new in edit.get("replace", []):
        if old not in text:
            fail("%s: text to replace not found: %s" % (edit["what"], old))
        text = text.replace(old, new)
    drop = set(edit.get("drop_rows", []))
    text = "".join(l for l in text.splitlines(True) if l.split("\t", 1)[0] not in drop)
    path = os.path.join(tmp, os.path.basename(edit["document"]))
    with open(path, "w", encoding="utf-8") as f:
        f.write(text)
    return path


def apply_edit(binary, corpus, catalog, edit, tmp):
    base = check(binary, catalog, os.path.join(corpus, edit["document"]))
    after = check(binary, catalog, edited(corpus, edit, tmp))
    if base is None or after is None:
        return
    before = {key(f) for f in base["findings"]}
    now = {key(f) for f in after["findings"]}
    for name, want, got in (("added", edit["added"], now - before),
                            ("removed", edit["removed"], before - now)):
        want = {key(f) for f in want}
        if want != got:
            fail("%s: %s %s, expected %s" % (edit["what"], name, sorted(got), sorted(want)))


def main():
    binary = sys.argv[1]
    with open(os.path.join(HERE, "cases.json")) as f:
        cases = json.load(f)
    validate_schema()
    corpus = os.environ.get("PARX_CORPUS") or os.path.join(REPO, "..", "shared", "corpus")
    if not os.path.isdir(corpus):
        print("no corpus: the corpus parts are skipped")
        return 1 if failures else SKIP
    catalog = cases["catalogs"][0]["name"]
    for entry in cases["catalogs"]:
        rederive(binary, corpus, entry)
        every_form(binary, corpus, entry, cases["forms"])
    with tempfile.TemporaryDirectory() as tmp:
        for edit in cases["edits"]:
            apply_edit(binary, corpus, catalog, edit, tmp)
    print("%d failure(s)" % len(failures))
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
