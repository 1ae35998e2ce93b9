#!/usr/bin/env python3
"""parx catalog and parx check on the command line: the derivation cases of
derive/ (NAME.txt or NAME.tsv beside NAME.json, the catalog expected, and
NAME.warnings, the warnings expected; no NAME.json: no catalog, exit 1), then
exit statuses, option forms, catalogs by name and by path, and records as
input.

    check_cli.py PARX_BINARY
"""
import json
import os
import subprocess
import sys
import tempfile

HERE = os.path.dirname(os.path.abspath(__file__))
REPO = os.path.abspath(os.path.join(HERE, "..", ".."))
DERIVE = os.path.join(HERE, "derive")
failures = []
WARNING = "parx: %s: warning: "


def run(*args, cwd=None):
    return subprocess.run(args, capture_output=True, text=True, cwd=cwd)


def expect(what, ok):
    if not ok:
        failures.append(what)
        print("FAIL", what)


def derive_cases(binary):
    for name in sorted(os.listdir(DERIVE)):
        stem, ext = os.path.splitext(name)
        if ext not in (".txt", ".tsv"):
            continue
        p = run(binary, "catalog", name, cwd=DERIVE)
        want_path = os.path.join(DERIVE, stem + ".json")
        if not os.path.exists(want_path):
            expect("%s: no catalog, exit 1 (got %d)" % (name, p.returncode), p.returncode == 1)
            continue
        with open(want_path, encoding="utf-8") as f:
            want = json.load(f)
        expect("%s: exit 0 (got %d: %s)" % (name, p.returncode, p.stderr.strip()),
               p.returncode == 0)
        expect("%s: the catalog expected" % name, p.returncode == 0 and json.loads(p.stdout) == want)
        warn_path = os.path.join(DERIVE, stem + ".warnings")
        want_warnings = open(warn_path, encoding="utf-8").read().splitlines() \
            if os.path.exists(warn_path) else []
        got = [l[len(WARNING % name):] for l in p.stderr.splitlines()]
        expect("%s: warnings %s, expected %s" % (name, got, want_warnings), got == want_warnings)


def command_line(binary, tmp):
    shipped = os.path.join(REPO, "data", "catalogs", "quangdien-2022.json")
    ok_doc = os.path.join(tmp, "ok.txt")
    with open(ok_doc, "w", encoding="utf-8") as f:
        f.write("Bộ tiêu chí\n\n5.1 Công tác kiểm tra: 1,5 điểm\n"
                "5.1.1 Tỷ lệ đơn vị được kiểm tra: 0,5đ\n5.1.2 Tỷ lệ xử lý sau kiểm tra: 1đ\n")
    over_doc = os.path.join(tmp, "-over.txt")
    with open(over_doc, "w", encoding="utf-8") as f:
        f.write(open(ok_doc, encoding="utf-8").read() + "\nTiêu chí 5.1.1 đạt 0,75/0,5 điểm.\n")
    cat = os.path.join(tmp, "ok.json")
    p = run(binary, "catalog", "-q", "-o", cat, "--years=2021-2022", "-l", "commune", ok_doc)
    expect("catalog -o writes the file", p.returncode == 0 and os.path.exists(cat))
    c = json.load(open(cat)) if os.path.exists(cat) else {}
    expect("--years and -l are set", c.get("years") == [2021, 2022] and c.get("level") == "commune")

    def status(want, *args, what):
        p = run(binary, *args)
        expect("%s: exit %d (got %d: %s)" % (what, want, p.returncode, p.stderr.strip()[:200]),
               p.returncode == want)
        return p

    status(0, "catalog", "--help", what="catalog --help")
    status(0, "check", "--help", what="check --help")
    status(2, "catalog", what="catalog without a file")
    status(2, "catalog", "--level", "county", ok_doc, what="catalog with a bad level")
    status(2, "catalog", "--years", "soon", ok_doc, what="catalog with bad years")
    status(1, "catalog", os.path.join(tmp, "none.txt"), what="catalog of a missing file")
    status(2, "check", ok_doc, what="check without --catalog")
    status(2, "check", "-c", cat, what="check without a file")
    status(2, "check", "--bogus", "-c", cat, ok_doc, what="check with an unknown option")
    status(2, "check", "-c", "no-such-catalog", ok_doc, what="check with an unknown catalog")
    status(2, "check", "-c", cat, os.path.join(tmp, "none.txt"), what="check of a missing file")
    status(0, "check", "-c", cat, ok_doc, what="no finding")
    status(0, "check", "--catalog=" + cat, ok_doc, what="--catalog=PATH")
    p = status(1, "check", "-c", cat, "--json", "--", over_doc, what="a finding, after --")
    report = json.loads(p.stdout) if p.stdout else {}
    expect("--json: the over finding with its loc",
           [(f["kind"], f["codes"], f["value"], f["expected"], f["loc"]["line"])
            for f in report.get("findings", [])] == [("over", ["5.1.1"], 0.75, 0.5, 7)])
    by_name = run(binary, "check", "--json", "-c", "quangdien-2022", ok_doc)
    by_path = run(binary, "check", "--json", "-c", shipped, ok_doc)
    expect("--catalog NAME finds the shipped catalog",
           by_name.returncode == 1 and by_name.stdout == by_path.stdout)

    # records as input: one JSON record, and JSON Lines of two
    record = os.path.join(tmp, "r.json")
    with open(record, "w") as f:
        f.write(run(binary, "extract", over_doc).stdout)
    from_doc = json.loads(run(binary, "check", "--json", "-c", cat, over_doc).stdout)
    from_record = json.loads(run(binary, "check", "--json", "-c", cat, record).stdout)
    expect("a record checks as its document", from_doc == from_record)
    lines = os.path.join(tmp, "r.jsonl")
    with open(lines, "w") as f:
        f.write(run(binary, "extract", "--jsonl", ok_doc, over_doc).stdout)
    p = run(binary, "check", "--json", "-c", cat, lines)
    reports = [json.loads(l) for l in p.stdout.splitlines()]
    expect("JSON Lines in, one report a line out",
           p.returncode == 1 and [sum(r["counts"].values()) for r in reports] == [0, 1])
    p = run(binary, "check", "-c", cat, ok_doc, over_doc)
    expect("the table gives the counts per kind first",
           p.returncode == 1 and "missing 0, unknown 0, over 1" in p.stdout)


def main():
    binary = os.path.abspath(sys.argv[1])
    derive_cases(binary)
    with tempfile.TemporaryDirectory() as tmp:
        command_line(binary, tmp)
    print("%d failure(s)" % len(failures))
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
