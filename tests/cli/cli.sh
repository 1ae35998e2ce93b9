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
check "an override without a group parx reads is a usage error naming file, line and group" bash -c "printf '# keeps the score only\nscore.fraction  (?<score>\\\\d+)/\\\\d+\n' > '$tmp/nogroup.rules'; '$bin' extract --rules '$tmp/nogroup.rules' '$ex' >/dev/null 2>'$tmp/msg'; [ \$? -eq 2 ] && grep -q 'nogroup.rules:2: rule score.fraction has no group (?<max>' '$tmp/msg'"
check "a rule directory without a rule parx reads is a usage error" bash -c "printf 'code.label  (?<code>\\\\d+)\n' > '$tmp/only.rules'; mkdir -p '$tmp/dir' && mv '$tmp/only.rules' '$tmp/dir/'; '$bin' extract --rules-dir '$tmp/dir' '$ex' >/dev/null 2>'$tmp/msg'; [ \$? -eq 2 ] && grep -q 'rule code.cell is missing' '$tmp/msg'"
echo "$passed passed, $failed failed"
[ "$failed" -eq 0 ]
