#!/usr/bin/env bash
# Runs one fuzzer for a while: its seeds (read only), a working corpus and
# findings under the build directory, the dictionary, the sanitizers' limits.
#
#     cmake -S . -B build-fuzz -DCMAKE_C_COMPILER=clang -DPARX_FUZZ=ON -DBUILD_TESTING=OFF
#     cmake --build build-fuzz --target fuzz
#     tests/fuzz/run.sh fuzz_docx 300            # seconds
#
# A crash, leak, timeout or out-of-memory leaves its input in
# build-fuzz/fuzz/TARGET/findings/: turn it into a file parx reads (for
# fuzz_docx: the ZIP; see tests/regressions/README.md) and keep it in
# tests/regressions/.
set -euo pipefail
target=$1 seconds=${2:-300} build=${3:-build-fuzz}
here=$(cd "$(dirname "$0")" && pwd)
root=$(cd "$here/../.." && pwd)
case $target in
fuzz_extract) seeds=("$here/seeds/extract") max_len=32768 ;;
fuzz_text) seeds=("$here/seeds/text" "$root/tests/cases") max_len=8192 ;;
fuzz_docx) seeds=("$here/seeds/docx") max_len=16384 ;;
fuzz_pdf) seeds=("$here/seeds/pdf") max_len=16384 ;;
fuzz_rules) seeds=("$here/seeds/rules") max_len=8192 ;;
*)
  echo "run.sh: unknown target $target" >&2
  exit 2
  ;;
esac
work=$build/fuzz/$target
mkdir -p "$work/corpus" "$work/findings"
export ASAN_OPTIONS=${ASAN_OPTIONS:-detect_leaks=1}
export LSAN_OPTIONS=${LSAN_OPTIONS:-suppressions=$root/tests/lsan.supp:print_suppressions=0}
export UBSAN_OPTIONS=${UBSAN_OPTIONS:-print_stacktrace=1:halt_on_error=1}
# One process, stopping at the first finding: a finding is fixed before
# the fuzzing goes on. -timeout and the memory limits make a hang or a
# blow-up a finding too.
exec "$build/tests/fuzz/$target" -max_total_time="$seconds" -max_len="$max_len" -timeout=10 \
  -rss_limit_mb=2048 -malloc_limit_mb=1024 -dict="$here/parx.dict" -print_final_stats=1 \
  -artifact_prefix="$work/findings/" "$work/corpus" "${seeds[@]}"
