#!/usr/bin/env bash
# The command line: exit codes, messages, output forms, standard input, and
# records in input order whatever the number of worker threads.
set -u
bin=$1
examples=$(cd "$(dirname "$0")/../../examples" && pwd)
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
passed=0 failed=0
check() { # name, then a command that must succeed
  local name=$1; shift
  if "$@" >"$tmp/out" 2>"$tmp/err"; then passed=$((passed + 1)); else
    failed=$((failed + 1)); echo "FAIL $name"; sed 's/^/  /' "$tmp/err" | head -5; fi
}
status_is() { local want=$1; shift; "$@" >/dev/null 2>"$tmp/msg"; [ $? -eq "$want" ]; }

ex="$examples/ke-hoach-mau.txt"
check "help exits 0" status_is 0 "$bin" --help
check "version" bash -c "'$bin' --version | grep -q '^parx '"
check "no command is usage (2)" status_is 2 "$bin"
check "unknown option is usage (2)" status_is 2 "$bin" extract --bogus "$ex"
check "bad --jobs is usage (2)" status_is 2 "$bin" extract -j 0 "$ex"
check "missing file exits 1" status_is 1 "$bin" extract "$tmp/none.txt"
check "missing file is named" bash -c "'$bin' extract '$tmp/none.txt' 2>&1 | grep -q 'none.txt: cannot open'"
check "one file gives one pretty record" bash -c "'$bin' extract '$ex' | python3 -c 'import json,sys; d=json.load(sys.stdin); assert d[\"schema\"]==\"parx.record/1\"'"
check "--jsonl gives one line" bash -c "[ \$('$bin' extract --jsonl '$ex' | wc -l) -eq 1 ]"
check "standard input" bash -c "'$bin' extract - < '$ex' | grep -q '\"path\": \"-\"'"
check "-o writes the file" bash -c "'$bin' extract -o '$tmp/o.json' '$ex' && grep -q parx.record/1 '$tmp/o.json'"
for i in $(seq 1 12); do cp "$ex" "$tmp/plan$i.txt"; done
printf 'Số: 9/KH-UBND\n' >"$tmp/plan5.txt"
check "several files: a bad one does not stop the others" bash -c "'$bin' extract '$tmp'/plan*.txt '$tmp/none.txt' > '$tmp/all.jsonl' 2>/dev/null; [ \$? -eq 1 ] && [ \$(wc -l < '$tmp/all.jsonl') -eq 12 ]"
check "records in input order on 4 threads as on 1" bash -c "'$bin' extract -q -j 4 '$tmp'/plan*.txt > '$tmp/j4' && '$bin' extract -j 1 '$tmp'/plan*.txt > '$tmp/j1' && cmp -s '$tmp/j1' '$tmp/j4'"
check "text prints numbered lines" bash -c "'$bin' text '$ex' | grep -q $'^7\tKẾ HOẠCH'"
check "a malformed rule names file and line" bash -c "printf 'score.fraction (unclosed\n' > '$tmp/bad.rules'; '$bin' extract --rules '$tmp/bad.rules' '$ex' 2>&1 >/dev/null | grep -q 'bad.rules:1: rule score.fraction'"
check "--output=FILE and -oFILE" bash -c "'$bin' extract --output='$tmp/o1.json' '$ex' && '$bin' extract -o'$tmp/o2.json' '$ex' && cmp -s '$tmp/o1.json' '$tmp/o2.json'"
check "bundled -qj2 and -- before a file" bash -c "'$bin' extract -qj2 -- '$ex' '$ex' | [ \$(wc -l) -eq 2 ]"
cp "$ex" "$tmp/keep.txt"
check "an output that is an input is refused (2), the input kept" bash -c "'$bin' extract '$tmp/keep.txt' -o '$tmp/keep.txt' 2>/dev/null; [ \$? -eq 2 ] && cmp -s '$ex' '$tmp/keep.txt'"
check "a failed -o leaves the old file and no temporary" bash -c "echo old > '$tmp/old.json'; '$bin' extract '$ex' -o '$tmp/old.json' && grep -q parx.record '$tmp/old.json' && [ \$(ls '$tmp' | grep -c parx-) -eq 0 ]"
if [ -w /dev/full ]; then
  check "extract to a full disk exits 1" bash -c "'$bin' extract '$ex' > /dev/full 2>'$tmp/full.err'; [ \$? -eq 1 ] && grep -q 'standard output: cannot write' '$tmp/full.err'"
  check "text to a full disk exits 1" bash -c "'$bin' text '$ex' > /dev/full 2>/dev/null; [ \$? -eq 1 ]"
fi
python3 - "$tmp/blank.pdf" <<'PY'
import sys
objs = [b"<< /Type /Catalog /Pages 2 0 R >>", b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] >>"]
out, offs = bytearray(b"%PDF-1.4\n"), []
for i, o in enumerate(objs, 1):
    offs.append(len(out)); out += b"%d 0 obj\n" % i + o + b"\nendobj\n"
xref = len(out)
out += b"xref\n0 4\n0000000000 65535 f \n" + b"".join(b"%010d 00000 n \n" % o for o in offs)
out += b"trailer\n<< /Size 4 /Root 1 0 R >>\nstartxref\n%d\n%%%%EOF\n" % xref
open(sys.argv[1], "wb").write(out)
PY
check "text: warnings on standard error, named, not in the text" bash -c "'$bin' text '$tmp/blank.pdf' > '$tmp/blank.out' 2> '$tmp/blank.err'; ! grep -q warning '$tmp/blank.out' && grep -q '^parx: $tmp/blank.pdf: ' '$tmp/blank.err'"
# scan.pdf: one page that is all image (a grey square on white), no text;
# poor.pdf and good.pdf: the same with an invisible text layer (render mode
# 3, as OCR programs write) of broken glyphs, or of words
python3 - "$tmp" <<'PY'
import os, sys, zlib
def scan(path, layer=None):
    w = h = 64
    pixels = zlib.compress(b"".join(bytes(255 if (x < 16 or x > 48 or y < 16 or y > 48) else 40
                                          for x in range(w)) for y in range(h)))
    content = b"q 595 0 0 842 0 0 cm /Im0 Do Q"
    if layer:
        content += b" BT 3 Tr /F1 12 Tf 72 700 Td (" + layer + b") Tj ET"
    objs = [b"<< /Type /Catalog /Pages 2 0 R >>", b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
            b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Contents 4 0 R"
            b" /Resources << /XObject << /Im0 5 0 R >> /Font << /F1 6 0 R >> >> >>",
            b"<< /Length %d >>\nstream\n" % len(content) + content + b"\nendstream",
            b"<< /Type /XObject /Subtype /Image /Width %d /Height %d /ColorSpace /DeviceGray"
            b" /BitsPerComponent 8 /Filter /FlateDecode /Length %d >>\nstream\n" % (w, h, len(pixels))
            + pixels + b"\nendstream",
            b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>"]
    out, offs = bytearray(b"%PDF-1.4\n"), []
    for i, o in enumerate(objs, 1):
        offs.append(len(out)); out += b"%d 0 obj\n" % i + o + b"\nendobj\n"
    xref = len(out)
    n = len(objs) + 1
    out += b"xref\n0 %d\n0000000000 65535 f \n" % n + b"".join(b"%010d 00000 n \n" % o for o in offs)
    out += b"trailer\n<< /Size %d /Root 1 0 R >>\nstartxref\n%d\n%%%%EOF\n" % (n, xref)
    open(os.path.join(sys.argv[1], path), "wb").write(out)
scan("scan.pdf")
scan("poor.pdf", b"x#q@ ~|}7a ;=% ]]^k @@w| \\\\#")
scan("good.pdf", b"Ke hoach cai cach hanh chinh nam 2024 cua tinh")
PY
check "a scan without OCR exits 1, naming the file and --ocr" bash -c "'$bin' extract --ocr never '$tmp/scan.pdf' >/dev/null 2>'$tmp/msg'; [ \$? -eq 1 ] && grep -q 'scan.pdf: no text: .*--ocr auto' '$tmp/msg'"
check "a poor invisible text layer on a scan is recognised" bash -c "'$bin' extract '$tmp/poor.pdf' | grep -q '\"ocr\": \\['"
check "a good invisible text layer on a scan is kept" bash -c "'$bin' extract '$tmp/good.pdf' > '$tmp/good.json' && ! grep -q '\"ocr\"' '$tmp/good.json' && '$bin' text '$tmp/good.pdf' | grep -q 'cai cach'"
check "a bad --ocr is usage (2)" status_is 2 "$bin" extract --ocr sometimes "$ex"
printf 'secret\n' > "$tmp/pw"
check "--password-file is read" status_is 0 "$bin" extract --password-file "$tmp/pw" "$ex"
check "a missing --password-file is usage (2)" status_is 2 "$bin" extract --password-file "$tmp/none" "$ex"
check "help and man page agree on the default of -j" bash -c "'$bin' --help | grep -q 'one per CPU, at most 8' && grep -q 'one per CPU, at' '$(dirname "$0")/../../man/parx.1'"
check "the man page names every long option of every command's --help" bash -c "for o in \$(for c in '' batch report catalog check; do '$bin' \$c --help; done | grep -o -- '--[a-z-]*' | sort -u); do grep -q -- \"\$(printf '%s' \"\$o\" | sed 's/-/\\\\\\\\-/g')\" '$(dirname "$0")/../../man/parx.1' || { echo missing \$o; exit 1; }; done"
check "an override without a group parx reads is a usage error naming file, line and group" bash -c "printf '# keeps the score only\nscore.fraction  (?<score>\\\\d+)/\\\\d+\n' > '$tmp/nogroup.rules'; '$bin' extract --rules '$tmp/nogroup.rules' '$ex' >/dev/null 2>'$tmp/msg'; [ \$? -eq 2 ] && grep -q 'nogroup.rules:2: rule score.fraction has no group (?<max>' '$tmp/msg'"
check "a rule directory without a rule parx reads is a usage error" bash -c "printf 'code.label  (?<code>\\\\d+)\n' > '$tmp/only.rules'; mkdir -p '$tmp/dir' && mv '$tmp/only.rules' '$tmp/dir/'; '$bin' extract --rules-dir '$tmp/dir' '$ex' >/dev/null 2>'$tmp/msg'; [ \$? -eq 2 ] && grep -q 'rule code.cell is missing' '$tmp/msg'"
check "an unknown rule name is a warning naming file and line, not an error" bash -c "printf 'score.fractoin  (?<score>\\\\d+)\\n' > '$tmp/typo.rules'; '$bin' extract --rules '$tmp/typo.rules' '$ex' >/dev/null 2>'$tmp/msg' && grep -q 'warning: .*typo.rules:1: .*score.fractoin' '$tmp/msg'"
echo "$passed passed, $failed failed"
[ "$failed" -eq 0 ]
