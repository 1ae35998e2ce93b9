#!/usr/bin/env bash
# valgrind memcheck over a build: every unit test, and one extraction per
# format (text, DOCX, PDF), each failing on any invalid access or leak of
# ours (tests/valgrind.supp names what is not ours). Two at a time.
#
#     scripts/valgrind.sh [BUILD_DIR]      (default build; a non-ASan build)
set -euo pipefail
cd "$(dirname "$0")/.."
build=$(cd "${1:-build}" && pwd)
root=$PWD
corpus=${PARX_CORPUS:-$root/../shared/corpus}
logs=$(mktemp -d)
trap 'rm -rf "$logs"' EXIT

# The real plans when the corpus is there, else the small files of the seeds.
docx=$(ls "$corpus"/docx/*.docx 2>/dev/null | head -1 || true)
pdf=$(ls "$corpus"/pdf/*.pdf 2>/dev/null | head -1 || true)
# The slowest first (PDF and DOCX tests), so that the two lanes end together.
jobs=()
# test_limits is left out: its inputs are large by design (ten thousand items,
# minutes under valgrind); test_ocr too: nearly all of its time is Tesseract's
# recognition, tens of minutes under valgrind. The ASan build runs both.
for t in "$build"/tests/test_pdf "$build"/tests/test_docx "$build"/tests/test_*; do
  case "${t##*/}" in test_limits | test_ocr) continue ;; esac
  [ -x "$t" ] && [[ " ${jobs[*]} " != *" unit $t "* ]] && jobs+=("unit $t")
done
jobs+=("extract $root/examples/ke-hoach-mau.txt"
  "extract ${docx:-$root/tests/fuzz/seeds/extract/plan.docx}"
  "extract ${pdf:-$root/tests/fuzz/seeds/extract/table.pdf}")

one() {
  local kind=$1 target=$2 log
  log=$logs/$(basename "$target").log
  local cmd=("$target")
  [ "$kind" = extract ] && cmd=("$build/parx" extract "$target")
  # cmocka's tests find their data from the source tree, as under ctest
  if (cd "$build/tests" && valgrind -q --error-exitcode=99 --leak-check=full \
    --errors-for-leak-kinds=definite,indirect --show-leak-kinds=definite,indirect \
    --suppressions="$root/tests/valgrind.supp" "${cmd[@]}") >"$log" 2>&1; then
    echo "valgrind: clean: ${cmd[*]##*/}"
  else
    echo "valgrind: FAILED: ${cmd[*]}" >&2
    grep -v '^\[' "$log" | tail -60 >&2
    return 1
  fi
}
export -f one
export build root logs
printf '%s\n' "${jobs[@]}" | xargs -P 2 -I{} bash -c 'one {}'
