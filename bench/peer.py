#!/usr/bin/env python3
"""The peer parx is measured against: what a user would write in an afternoon
with Python's re module. It reads a plan's text line by line and collects
criterion codes, X/Y scores, deductions and agency names into one JSON record.
It knows nothing of tables, outlines, deadlines or merging: it is a floor for
speed, not a rival for quality.

    python3 bench/peer.py plan.txt > record.json
"""

import json
import re
import sys

NUM = r"\d+(?:[.,]\d+)?"
CODE = re.compile(r"(?i)\b(?:TCTP|tiêu chí thành phần|tiêu chí|lĩnh vực)\s+(\d+(?:\.\d+)*)")
SCORE = re.compile(r"(?i)(?:đạt|đánh giá|được)\s*(?:điểm\s*)?(" + NUM + r")\s*/\s*(" + NUM + r")")
DEDUCTION = re.compile(r"(?i)\b(?:bị trừ|mất)\s+(" + NUM + r")\s*điểm")
AGENCY = re.compile(
    r"\b(?:Sở|Phòng|Văn phòng|UBND|Ủy ban nhân dân|Ban|Trung tâm|Thanh tra|Công an|Đài)"
    r"(?:\s+[A-ZĐÀ-Ỹ][\wÀ-ỹ]*)+"
)


def number(text):
    return float(text.replace(",", "."))


def extract(lines):
    record = {"criteria": [], "scores": [], "deficits": [], "agencies": []}
    seen_codes, seen_agencies = set(), set()
    for line_no, line in enumerate(lines, 1):
        line = line.strip()
        if not line:
            continue
        codes = CODE.findall(line)
        for code in codes:
            if code not in seen_codes:
                seen_codes.add(code)
                record["criteria"].append({"code": code, "line": line_no})
        for score, top in SCORE.findall(line):
            item = {"code": codes[0] if codes else None, "score": number(score),
                    "max": number(top), "line": line_no}
            record["scores"].append(item)
            if item["score"] < item["max"]:
                record["deficits"].append(dict(item, lost=round(item["max"] - item["score"], 6)))
        for lost in DEDUCTION.findall(line):
            record["deficits"].append({"code": codes[0] if codes else None,
                                       "lost": number(lost), "line": line_no})
        for name in AGENCY.findall(line):
            if name not in seen_agencies:
                seen_agencies.add(name)
                record["agencies"].append(name)
    return record


def main():
    path = sys.argv[1] if len(sys.argv) > 1 else "-"
    source = sys.stdin if path == "-" else open(path, encoding="utf-8", errors="replace")
    with source:
        record = extract(source)
    json.dump(record, sys.stdout, ensure_ascii=False)
    sys.stdout.write("\n")


if __name__ == "__main__":
    main()
