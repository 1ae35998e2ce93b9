#!/usr/bin/env bash
# The installed tool, moved: installs the build into a temporary prefix,
# moves the prefix elsewhere, and uses it from a third directory as a user
# would (parx extract on text, DOCX and PDF; the man page; the completion; a
# small C program built with pkg-config against libparx.so).
#
#     install_test.sh BUILD_DIR SOURCE_DIR C_COMPILER SANITIZE(ON/OFF)
set -euo pipefail
build=$(cd "$1" && pwd) src=$(cd "$2" && pwd) cc=$3 sanitize=${4:-OFF}
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
fail() {
  echo "install_test: $*" >&2
  exit 1
}
# Nothing may point the tool back at the trees.
unset PARX_RULES_DIR PARX_PDF_MODULE PARX_DOCX_MODULE PARX_OCR_MODULE

cmake --install "$build" --prefix "$tmp/first" >/dev/null
mv "$tmp/first" "$tmp/moved"
p=$tmp/moved
mkdir "$tmp/work"
cd "$tmp/work"

for f in bin/parx lib/libparx.a lib/libparx.so lib/libparx.so.0 include/parx.h \
  lib/pkgconfig/parx.pc lib/parx/parx-pdf.so lib/parx/parx-docx.so lib/parx/parx-ocr.so \
  share/parx/rules/core.rules share/man/man1/parx.1 share/bash-completion/completions/parx; do
  [ -e "$p/$f" ] || fail "$f is not installed"
done
# (each command's output is read whole first: with pipefail, a `grep -q` that
# stops reading early would make the writer's SIGPIPE fail the pipeline)
soname=$(objdump -p "$p/lib/libparx.so")
grep -q 'SONAME *libparx\.so\.0$' <<<"$soname" || fail "libparx.so has no soname"
# Every function parx.h declares is exported (dist/libparx.map lists them).
exported=$(nm -D --defined-only "$p/lib/libparx.so" | awk '{sub(/@.*/, "", $3); print $3}')
for fn in $(grep -oE '\bparx_[a-z_]+\(' "$p/include/parx.h" | tr -d '(' | sort -u); do
  grep -qx "$fn" <<<"$exported" || fail "libparx.so does not export $fn (dist/libparx.map)"
done
# The readers' libraries come with their modules (ingest/module.h): neither
# the library nor the program links them.
for f in lib/libparx.so bin/parx; do
  needed=$(objdump -p "$p/$f")
  if grep -E 'NEEDED +lib(xml2|zip|crypto|poppler)' <<<"$needed"; then
    fail "$f links a reader's library"
  fi
done

# check FILE FORMAT PYTHON-CONDITION: the record of FILE by the moved parx.
check() {
  "$p/bin/parx" extract "$1" >record.json || fail "parx extract $1 failed"
  python3 - "$2" "$3" <<'PY' || fail "bad record for $1: $(head -c 300 record.json)"
import json, sys
r = json.load(open("record.json"))
assert r["schema"] == "parx.record/1" and r["source"]["format"] == sys.argv[1]
assert eval(sys.argv[2]), sys.argv[2]
PY
  echo "install_test: $2 record of $1 from $p/bin/parx"
}
check "$src/examples/ke-hoach-mau.txt" txt 'len(r["criteria"]) >= 5 and len(r["tasks"]) >= 5'
corpus=${PARX_CORPUS:-$src/../shared/corpus}
declare -A sample # a document of each format, for the modules' test below
for format in docx pdf; do
  file=$(ls "$corpus/$format"/*."$format" 2>/dev/null | head -1 || true)
  if [ -z "$file" ]; then
    echo "install_test: no $format in $corpus: the $format part is skipped"
    continue
  fi
  check "$file" "$format" 'r["document"]["number"] and len(r["tasks"]) > 0'
  sample[$format]=$file
done
# A scanned page, recognised by the moved prefix's OCR module.
scan=$(ls "$corpus"/more/pdf-scanned/*.pdf 2>/dev/null | head -1 || true)
if [ -n "$scan" ] && command -v qpdf >/dev/null; then
  qpdf --empty --pages "$scan" 1 -- scan-page.pdf
  # use_tls=0: under ASan, LeakSanitizer (GCC 12) may record a bogus dynamic
  # TLS block of a library that the OCR module loads, and crash scanning it
  # ("Tracer caught signal 11"), depending on the binary's layout; not
  # scanning thread-local storage can only report more leaks, never hide one
  LSAN_OPTIONS="${LSAN_OPTIONS:+$LSAN_OPTIONS:}use_tls=0" \
    check scan-page.pdf pdf 'r["source"]["ocr"][0]["page"] == 1 and r["source"]["ocr"][0]["confidence"] > 50'
else
  echo "install_test: no scanned PDF in $corpus (or no qpdf): the OCR part is skipped"
fi

# The rules and the reader modules are the moved prefix's own: a broken rule
# file or module put there must be the one reported.
echo 'zz.broken (' >"$p/share/parx/rules/zz-broken.rules"
set +e
"$p/bin/parx" extract "$src/examples/ke-hoach-mau.txt" >/dev/null 2>err.txt
status=$?
set -e
rm "$p/share/parx/rules/zz-broken.rules"
[ $status -eq 2 ] && grep -q "$p/bin/../share/parx/rules/zz-broken.rules" err.txt ||
  fail "the rules were not read from the moved prefix: $(cat err.txt)"
for format in pdf docx; do
  [ -n "${sample[$format]:-}" ] || continue
  mv "$p/lib/parx/parx-$format.so" "$tmp/parx-$format.so"
  echo 'not a module' >"$p/lib/parx/parx-$format.so"
  "$p/bin/parx" extract "${sample[$format]}" >/dev/null 2>err.txt && fail "a $format was read without its module"
  mv "$tmp/parx-$format.so" "$p/lib/parx/parx-$format.so"
  grep -q "$p/bin/../lib/parx/parx-$format.so" err.txt ||
    fail "the $format module was not looked for in the moved prefix: $(cat err.txt)"
done

# The shipped catalogs are the moved prefix's too.
"$p/bin/parx" catalog --help >/dev/null || fail "parx catalog --help"
[ -f "$p/share/parx/catalogs/quangdien-2022.json" ] || fail "the catalogs are not installed"
rc=0
"$p/bin/parx" check --json -c quangdien-2022 "$src/examples/ke-hoach-mau.txt" >check.json || rc=$?
[ $rc -le 1 ] && grep -q '"catalog": "quangdien-2022"' check.json ||
  fail "parx check did not find its shipped catalog in the moved prefix: $(head -c 300 check.json)"

# The manual: found by man under the prefix, and clean for groff.
if command -v man >/dev/null && command -v groff >/dev/null; then
  [ "$(MANPATH=$p/share/man man -w parx)" = "$p/share/man/man1/parx.1" ] || fail "man -w parx"
  page=$(MANWIDTH=80 man -l "$p/share/man/man1/parx.1" 2>/dev/null)
  grep -q '^NAME' <<<"$page" || fail "man -l"
  warnings=$(groff -man -z -ww "$p/share/man/man1/parx.1" 2>&1)
  [ -z "$warnings" ] || fail "groff: $warnings"
else
  echo "install_test: no man or groff here (scripts/deps.sh installs them): the manual is only checked to be there"
fi

# The completion completes commands and the options of each.
complete_line() {
  bash -c 'source "$1"; shift; COMP_WORDS=("$@"); COMP_CWORD=$(($# - 1)); _parx
           echo "${COMPREPLY[*]}"' _ "$p/share/bash-completion/completions/parx" "$@"
}
[ "$(complete_line parx ex)" = extract ] || fail "completion of 'parx ex'"
[ "$(complete_line parx batch --for)" = --format= ] || fail "completion of 'parx batch --for'"
[ "$(complete_line parx batch --format = s)" = sqlite ] || fail "completion of --format="
[ "$(complete_line parx rep)" = report ] || fail "completion of 'parx rep'"
[ "$(complete_line parx check --cat)" = --catalog= ] || fail "completion of 'parx check --cat'"
[ "$(complete_line parx extract --ocr = al)" = always ] || fail "completion of --ocr="

# A program of the library's user, built with pkg-config against libparx.so.
cat >use.c <<'C'
#include <parx.h>
#include <stdio.h>
#include <stdlib.h>
int main(int argc, char **argv) {
  parx_error err = {0};
  parx_engine *engine = parx_engine_new(NULL, NULL, 0, &err);
  parx_record *record = engine && argc > 1 ? parx_extract_file(engine, argv[1], NULL, &err) : NULL;
  char *json = record ? parx_record_to_json(record, 0) : NULL;
  printf("%s\n", json ? json : err.message);
  free(json), parx_record_free(record), parx_engine_free(engine);
  return json ? 0 : 1;
}
C
flags=()
# A sanitized libparx.so needs the sanitizer runtime first in the program.
[ "$sanitize" = ON ] && flags=(-fsanitize=address,undefined)
# shellcheck disable=SC2046
"$cc" "${flags[@]}" -Wall -Wextra -Werror use.c \
  $(PKG_CONFIG_PATH=$p/lib/pkgconfig pkg-config --cflags --libs parx) -o use || fail "use.c"
LD_LIBRARY_PATH=$p/lib ./use "$src/examples/ke-hoach-mau.txt" >record.json || fail "use: $(cat record.json)"
loaded=$(LD_LIBRARY_PATH=$p/lib ldd ./use)
grep -q "$p/lib/libparx.so.0" <<<"$loaded" || fail "use did not load $p/lib"
python3 -c 'import json; r = json.load(open("record.json")); assert r["document"]["number"] == "45/KH-UBND", r["document"]' ||
  fail "use printed a bad record"
echo "install_test: a C program built with pkg-config extracted 45/KH-UBND through $p/lib/libparx.so.0"
