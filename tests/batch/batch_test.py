#!/usr/bin/env python3
"""parx batch: isolation, error records, duplicates, resume after a kill or an
interrupt, standard input and output, GNU Parallel, and the CSV and SQLite
outputs against the JSON records.

Usage: batch_test.py PARX_BINARY
Documents that crash or hang their worker use the test-only switch
PARX_BATCH_TEST_FAULTS=1 (a file named crash-* or hang-*)."""
import csv
import json
import os
import shutil
import signal
import sqlite3
import subprocess
import sys
import tempfile
import time

HERE = os.path.dirname(os.path.abspath(__file__))
REPO = os.path.normpath(os.path.join(HERE, "..", ".."))
PARTS = ("results", "criteria", "scores", "deficits", "tasks")
passed = failed = 0


def check(name, ok, detail=""):
    global passed, failed
    if ok:
        passed += 1
    else:
        failed += 1
        print(f"FAIL {name}" + (f": {detail}" if detail else ""))


def corpus_dir():
    for d in [os.environ.get("PARX_CORPUS"), os.path.join(REPO, "..", "shared", "corpus")]:
        if d and os.path.isdir(d):
            return d
    return None


def write(path, data):
    os.makedirs(os.path.dirname(path), exist_ok=True)
    with open(path, "wb") as f:
        f.write(data)


def make_plans(root, count, prefix="plan-"):
    """Distinct good plans: the example with a line of its own each."""
    with open(os.path.join(REPO, "examples", "ke-hoach-mau.txt"), "rb") as f:
        example = f.read()
    names = []
    for i in range(count):
        name = os.path.join(root, f"{prefix}{i:02d}.txt")
        write(name, example + f"\nGhi chú {prefix}{i}.\n".encode())
        names.append(name)
    return names


def make_mixed(root):
    """A folder of good and bad documents; returns {path: expected}, where
    expected is 'ok', ('error', kind) or ('duplicate', first_path)."""
    expect = {}
    for p in make_plans(root, 3):
        expect[p] = "ok"
    corpus = corpus_dir()
    if corpus:
        for sub, ext in (("docx", "docx"), ("pdf", "pdf")):
            src = os.path.join(corpus, sub, f"daklak-2017.{ext}")
            dst = os.path.join(root, "sub", f"daklak-2017.{ext}")
            os.makedirs(os.path.dirname(dst), exist_ok=True)
            shutil.copy(src, dst)
            expect[dst] = "ok"
        with open(os.path.join(corpus, "pdf", "quangnam-2020.pdf"), "rb") as f:
            write(os.path.join(root, "truncated.pdf"), f.read()[:30000])
        expect[os.path.join(root, "truncated.pdf")] = ("error", "corrupt")
    write(os.path.join(root, "not-docx.zip"), b"PK\x05\x06" + b"\0" * 18)
    expect[os.path.join(root, "not-docx.zip")] = ("error", "unsupported")
    write(os.path.join(root, "bad-utf8.txt"), b"K\xe1\xba\xbe HO\xff\xfeCH\n")
    expect[os.path.join(root, "bad-utf8.txt")] = ("error", "encoding")
    write(os.path.join(root, "empty.txt"), b"")
    expect[os.path.join(root, "empty.txt")] = ("error", "corrupt")
    write(os.path.join(root, "hang-doc.txt"), b"never ends\n")
    expect[os.path.join(root, "hang-doc.txt")] = ("error", "timeout")
    write(os.path.join(root, "crash-doc.txt"), b"crashes its worker\n")
    expect[os.path.join(root, "crash-doc.txt")] = ("error", "crash")
    first = os.path.join(root, "plan-00.txt")
    copy = os.path.join(root, "z-copy-of-plan.txt")
    shutil.copy(first, copy)
    expect[copy] = ("duplicate", first)
    write(os.path.join(root, ".hidden", "plan.txt"), b"hidden: never read\n")
    os.symlink("..", os.path.join(root, "sub", "loop"))
    return expect


def run(args, env_faults=True, **kw):
    env = dict(os.environ)
    if env_faults:
        env["PARX_BATCH_TEST_FAULTS"] = "1"
    return subprocess.run(args, env=env, capture_output=True, timeout=300, **kw)


def records(path):
    with open(path, encoding="utf-8") as f:
        return [json.loads(line) for line in f]


def leftover_processes(marker):
    r = subprocess.run(["pgrep", "-f", marker], capture_output=True)
    return r.stdout.decode().split()


def test_mixed(binary, tmp):
    root = os.path.join(tmp, "mixed")
    expect = make_mixed(root)
    out = os.path.join(tmp, "mixed.jsonl")
    r = run([binary, "batch", "-q", "-j", "2", "-t", "3", "-o", out, root])
    check("mixed: exit status 1 when some failed", r.returncode == 1, r.stderr.decode()[-300:])
    check("mixed: no .part left", not os.path.exists(out + ".part"))
    recs = records(out)
    got = {}
    for d in recs:
        p = d["source"]["path"]
        check(f"mixed: one line for {p}", p not in got)
        if "error" in d:
            got[p] = ("error", d["error"]["kind"])
            check(f"mixed: {p}: the message names the file", p in d["error"]["message"])
        elif "duplicate_of" in d:
            got[p] = ("duplicate", d["duplicate_of"])
        else:
            got[p] = "ok"
            check(f"mixed: {p}: a whole record", d["schema"] == "parx.record/1" and
                  all(isinstance(d[k], list) for k in PARTS) and len(d["source"]["sha256"]) == 64)
    check("mixed: every document has its line, hidden files none", got == expect,
          f"\n  got      {sorted(got.items())}\n  expected {sorted(expect.items())}")
    order = [d["source"]["path"] for d in recs]
    check("mixed: input order", order == sorted(order), order)
    check("mixed: no worker left behind", not leftover_processes(root))
    summary = r.stderr.decode()
    check("mixed: the summary counts failures by kind", "failed (" in summary and "timeout" in summary,
          summary)
    return recs


def wait_for_lines(path, n, proc, limit=60):
    end = time.time() + limit
    while time.time() < end and proc.poll() is None:
        if os.path.exists(path):
            with open(path, "rb") as f:
                if f.read().count(b"\n") >= n:
                    return True
        time.sleep(0.02)
    return False


def test_resume(binary, tmp):
    root = os.path.join(tmp, "resume")
    make_plans(root, 5, "a-plan-")
    write(os.path.join(root, "hang-in-the-middle.txt"), b"never ends\n")  # sorts between
    make_plans(root, 5, "z-plan-")
    full = os.path.join(tmp, "full.jsonl")
    base = [binary, "batch", "-q", "-j", "1", "-t", "2"]
    run(base + ["-o", full, root])
    env = dict(os.environ, PARX_BATCH_TEST_FAULTS="1")
    # killed outright (SIGKILL) midway
    out = os.path.join(tmp, "killed.jsonl")
    p = subprocess.Popen(base + ["-o", out, root], env=env, stderr=subprocess.DEVNULL)
    check("kill: some entries written first", wait_for_lines(out + ".part", 5, p))
    p.kill()
    p.wait()
    time.sleep(0.2)
    check("kill: the workers die with the batch", not leftover_processes(root))
    with open(out + ".part", "rb") as f:
        before = f.read().count(b"\n")
    r = run([binary, "batch", "-j", "1", "-t", "2", "--resume", "-o", out, root])
    check("kill + resume: exit 1 (the hanging document)", r.returncode == 1, r.stderr.decode())
    with open(full, "rb") as a, open(out, "rb") as b:
        check("kill + resume: the output equals an uninterrupted run's", a.read() == b.read())
    check("kill + resume: only the missing documents were extracted",
          f"{before} already done" in r.stderr.decode(), r.stderr.decode())
    # interrupted (SIGINT): what is done is kept, the rest is said
    out = os.path.join(tmp, "interrupted.jsonl")
    p = subprocess.Popen(base[:-1] + ["30", "-o", out, root], env=env, stderr=subprocess.PIPE)
    check("interrupt: some entries written first", wait_for_lines(out + ".part", 5, p))
    p.send_signal(signal.SIGINT)
    _, err = p.communicate(timeout=60)
    check("interrupt: exit 130", p.returncode == 130, p.returncode)
    check("interrupt: says how many remain and how to go on",
          b"remain" in err and b"--resume" in err, err.decode())
    check("interrupt: nothing renamed before it is complete",
          os.path.exists(out + ".part") and not os.path.exists(out))
    run(base + ["--resume", "-o", out, root])
    with open(full, "rb") as a, open(out, "rb") as b:
        check("interrupt + resume: the output equals an uninterrupted run's", a.read() == b.read())


def test_streams(binary, tmp):
    root = os.path.join(tmp, "streams")
    plans = make_plans(root, 7)
    write(os.path.join(root, "bad-utf8.txt"), b"\xff\xfe\xfd bad\n\0")
    single = os.path.join(tmp, "single.jsonl")
    run([binary, "batch", "-q", "-o", single, root])
    listing = "\n".join(sorted(plans + [os.path.join(root, "bad-utf8.txt")])) + "\n"
    r = run([binary, "batch", "-q", "--files-from", "-", "-o", "-"], input=listing.encode())
    with open(single, "rb") as f:
        check("--files-from - and -o -: the same records", r.stdout == f.read())
    if shutil.which("parallel"):
        cmd = (f"find {root} -type f | sort | parallel --pipe -N 3 "
               f"{binary} batch -q --files-from - -o -")
        r = subprocess.run(["bash", "-c", cmd], capture_output=True, timeout=300)
        with open(single, "rb") as f:
            want = sorted(f.read().splitlines())
        check("GNU Parallel: the merged output holds the same records",
              sorted(r.stdout.splitlines()) == want)
    else:
        print("skip GNU Parallel: not installed (scripts/deps.sh installs it)")


def sanitized(binary):
    """Built with AddressSanitizer (linked to its runtime)."""
    r = subprocess.run(["ldd", binary], capture_output=True)
    return b"libasan" in r.stdout


def test_limits(binary, tmp):
    """A document over --max-memory fails alone; a FIFO does not block."""
    root = os.path.join(tmp, "limits")
    make_plans(root, 2)
    with open(os.path.join(REPO, "examples", "ke-hoach-mau.txt"), "rb") as f:
        write(os.path.join(root, "big.txt"), f.read() * 8000)  # ~15 MB of plan text
    os.mkfifo(os.path.join(tmp, "fifo"))
    out = os.path.join(tmp, "limits.jsonl")
    r = run([binary, "batch", "-q", "-m", "64", "-o", out, root, os.path.join(tmp, "fifo")])
    kinds = {os.path.basename(d["source"]["path"]): d.get("error", {}).get("kind") for d in records(out)}
    check("a FIFO gives an io error and does not block", kinds.get("fifo") == "io", kinds)
    check("plans beside it are extracted", kinds.get("plan-00.txt") is None and
          kinds.get("plan-01.txt") is None and len(kinds) == 4, kinds)
    # regression: a failed realloc while reading once shortened the file
    # silently (then "invalid UTF-8 at byte offset 8388607")
    if sanitized(binary):
        print("skip --max-memory: AddressSanitizer reserves address space, the limit is not set")
    else:
        check("over --max-memory: an error record of kind limit or crash",
              kinds.get("big.txt") in ("limit", "crash"), kinds)


def test_usage(binary, tmp):
    ex = os.path.join(REPO, "examples", "ke-hoach-mau.txt")
    for args, want, name in (
            (["batch"], 2, "no input"),
            (["batch", "--bogus", ex], 2, "unknown option"),
            (["batch", "--format", "xml", ex], 2, "unknown format"),
            (["batch", "-j", "0", ex], 2, "bad --jobs"),
            (["batch", "--timeout=-1", ex], 2, "bad --timeout"),
            (["batch", "-o", os.path.join(tmp, "no", "such", "dir", "o.jsonl"), ex], 2,
             "output that cannot be written"),
            (["batch", "--help"], 0, "help")):
        r = run([binary] + args)
        check(f"usage: {name}: exit {want}", r.returncode == want, f"{r.returncode} {r.stderr.decode()}")
    r = run([binary, "batch", "-qj1", f"--output={tmp}/gnu.jsonl", "--", ex])
    check("GNU option forms", r.returncode == 0 and os.path.exists(f"{tmp}/gnu.jsonl"), r.stderr.decode())


def csv_rows(directory, name):
    with open(os.path.join(directory, name + ".csv"), encoding="utf-8", newline="") as f:
        head = f.read(1)
        check(f"csv: {name}.csv starts with a BOM", head == "\ufeff")
        return list(csv.DictReader(f))


def test_tables(binary, tmp, recs):
    """CSV and SQLite hold the same items as the JSON records."""
    root = os.path.join(tmp, "mixed")
    good = [d for d in recs if "error" not in d and "duplicate_of" not in d]
    errors = [d for d in recs if "error" in d]
    dups = [d for d in recs if "duplicate_of" in d]
    csv_dir = os.path.join(tmp, "tables-csv")
    r = run([binary, "batch", "-q", "-t", "3", "--format", "csv", "-o", csv_dir, root])
    check("csv: exit 1 (some failed)", r.returncode == 1, r.stderr.decode())
    db = os.path.join(tmp, "tables.sqlite")
    r = run([binary, "batch", "-q", "-t", "3", "--format", "sqlite", "-o", db, root])
    check("sqlite: exit 1 (some failed)", r.returncode == 1, r.stderr.decode())
    con = sqlite3.connect(db)
    docs = csv_rows(csv_dir, "documents")
    check("csv: one documents row per record", len(docs) == len(good))
    check("sqlite: one documents row per record",
          con.execute("select count(*) from documents").fetchone()[0] == len(good))
    for part in PARTS:
        want = sum(len(d[part]) for d in good)
        rows = csv_rows(csv_dir, part)
        check(f"csv: {part} rows equal the records' items", len(rows) == want, f"{len(rows)} != {want}")
        n = con.execute(f"select count(*) from {part}").fetchone()[0]
        check(f"sqlite: {part} rows equal the records' items", n == want, f"{n} != {want}")
    check("csv: errors", len(csv_rows(csv_dir, "errors")) == len(errors))
    check("csv: duplicates", len(csv_rows(csv_dir, "duplicates")) == len(dups))
    check("sqlite: errors", con.execute("select count(*) from errors").fetchone()[0] == len(errors))
    check("sqlite: duplicates",
          con.execute("select count(*) from duplicates").fetchone()[0] == len(dups))
    # a sample of values: every score and every task's text, per document
    want_scores = sorted((d["source"]["sha256"], s["code"] or "", float(s["score"]))
                         for d in good for s in d["scores"])
    got_csv = sorted((s["document_id"], s["code"], float(s["score"])) for s in csv_rows(csv_dir, "scores"))
    check("csv: the scores' values", got_csv == want_scores)
    got_db = sorted((a, b or "", float(c)) for a, b, c in
                    con.execute("select document_id, code, score from scores"))
    check("sqlite: the scores' values", got_db == want_scores)
    want_tasks = sorted((d["source"]["sha256"], t["text"]) for d in good for t in d["tasks"])
    got = sorted((a, b) for a, b in con.execute("select document_id, text from tasks"))
    check("sqlite: the tasks' texts", got == want_tasks)
    got = sorted((t["document_id"], t["text"].lstrip("'") if t["text"][:2] in ("'=", "'+", "'-", "'@")
                  else t["text"]) for t in csv_rows(csv_dir, "tasks"))
    check("csv: the tasks' texts", got == want_tasks)
    stored = con.execute("select record from documents limit 1").fetchone()[0]
    check("sqlite: the whole record is kept", json.loads(stored)["schema"] == "parx.record/1")
    con.close()


def main():
    binary = os.path.abspath(sys.argv[1])
    with tempfile.TemporaryDirectory() as tmp:
        recs = test_mixed(binary, tmp)
        test_resume(binary, tmp)
        test_streams(binary, tmp)
        test_usage(binary, tmp)
        test_limits(binary, tmp)
        test_tables(binary, tmp, recs)
    print(f"{passed} passed, {failed} failed")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
