#!/usr/bin/env python3
"""Corpus evaluation: extract every corpus document, score it, check the gates.

    eval.py PARX_BINARY GATES_JSON [FORM...]

With FORM names, only those forms are scored (the scanned form, which OCR
makes slow, runs as a test of its own).

The corpus is $PARX_CORPUS, else ../shared/corpus beside the repository. Where
there is none, the test is skipped (exit 77). The scorer is the corpus's own
eval/score.py. Forms without a gate (more/…) are reported, not checked. The
results set (results/txt, with its own gold) is scored as the form "results";
its gate may bound the tasks found there ("max_tasks": news pages assign nothing).
"""
import json
import os
import subprocess
import sys
import tempfile

SKIP = 77
# (name, inputs, extension, gold) under the corpus
FORMS = [("txt", "txt", "txt", "gold"), ("docx", "docx", "docx", "gold"), ("pdf", "pdf", "pdf", "gold"),
         ("docx-pandoc", "more/docx-pandoc", "docx", "gold"),
         ("pdf-chromium", "more/pdf-chromium", "pdf", "gold"),
         ("pdf-landscape", "more/pdf-landscape", "pdf", "gold"),
         ("results", "results/txt", "txt", "results/gold"),
         ("pdf-scanned", "more/pdf-scanned", "pdf", "gold")]
# Forms scored when none is named: all but the scans.
DEFAULT_FORMS = [f[0] for f in FORMS if f[0] != "pdf-scanned"]
# Seconds one document may take: a scan of 30 pages is recognised page by page.
TIMEOUT = 900


def corpus_dir(repo):
    env = os.environ.get("PARX_CORPUS")
    for d in ([env] if env else []) + [os.path.join(repo, "..", "shared", "corpus")]:
        if d and os.path.isdir(os.path.join(d, "gold")):
            return os.path.abspath(d)
    return None


def score_form(binary, corpus, scorer, sub, ext, gold, out):
    src = os.path.join(corpus, sub)
    files = sorted(f for f in os.listdir(src) if f.endswith("." + ext)) if os.path.isdir(src) else []
    if not files:
        return None
    for f in files:
        stem = f[: -len(ext) - 1]
        with open(os.path.join(out, stem + ".json"), "wb") as o:
            r = subprocess.run([binary, "extract", os.path.join(src, f)], stdout=o,
                               stderr=subprocess.PIPE, timeout=TIMEOUT)
        if r.returncode:
            print(f"  {sub}/{f}: parx exited {r.returncode}: {r.stderr.decode(errors='replace').strip()}")
    r = subprocess.run([sys.executable, scorer, "--gold", os.path.join(corpus, gold), "--pred", out,
                        "--json"], stdout=subprocess.PIPE, check=True)
    return json.loads(r.stdout)


def main():
    binary, gates_path = sys.argv[1], sys.argv[2]
    wanted = sys.argv[3:] or DEFAULT_FORMS
    repo = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
    corpus = corpus_dir(repo)
    if not corpus:
        print("corpus not found (set PARX_CORPUS or put shared/corpus beside the repo): skipped")
        return SKIP
    scorer = os.path.join(corpus, "..", "eval", "score.py")
    with open(gates_path, encoding="utf-8") as f:
        gates = json.load(f)
    failures, overall = [], {}
    with tempfile.TemporaryDirectory() as tmp:
        for name, sub, ext, gold in FORMS:
            if name not in wanted:
                continue
            out = os.path.join(tmp, name)
            os.makedirs(out)
            rep = score_form(binary, corpus, scorer, sub, ext, gold, out)
            if rep is None:
                continue
            overall[name] = rep["overall_f1"]
            cats = " ".join(f"{k}={rep[k]['f1']:.3f}" for k in ("criteria", "scores", "deficits", "tasks", "results") if k in rep)
            print(f"{name:14s} overall={rep['overall_f1']:.4f} {cats} contract={rep['contract_violations']}")
            if rep["contract_violations"]:
                failures.append(f"{name}: {rep['contract_violations']} contract violations")
            gate = gates.get(name)
            if not gate:
                continue
            if "max_tasks" in gate and rep["tasks"]["pred"] > gate["max_tasks"]:
                failures.append(f"{name}: {rep['tasks']['pred']} tasks found > gate {gate['max_tasks']}")
            if rep["overall_f1"] < gate["overall"]:
                failures.append(f"{name}: overall F1 {rep['overall_f1']:.4f} < gate {gate['overall']}")
            for cat, g in gate.get("categories", {}).items():
                if rep[cat]["f1"] < g:
                    failures.append(f"{name}: {cat} F1 {rep[cat]['f1']:.4f} < gate {g}")
            for att, g in gate.get("results_attributes", {}).items():
                v = rep["results"]["attributes"].get(att)
                if v is not None and v < g:
                    failures.append(f"{name}: results {att} accuracy {v:.4f} < gate {g}")
            if "within_txt" in gate and "txt" in overall and overall["txt"] - rep["overall_f1"] > gate["within_txt"]:
                failures.append(f"{name}: overall F1 {rep['overall_f1']:.4f} more than {gate['within_txt']} below txt")
    for f in failures:
        print("FAIL", f)
    print(f"{len(overall)} forms scored, {len(failures)} gate failures")
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
