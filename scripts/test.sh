#!/usr/bin/env bash
# The whole test suite: a release build and an ASan+UBSan build, warnings as
# errors, each running every unit test and the corpus evaluation; the
# release build's unit tests and one extraction per format under valgrind.
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/deps.sh
jobs=$(nproc)
cmake -S . -B build -DCMAKE_BUILD_TYPE=Release -DPARX_WERROR=ON >/dev/null
cmake --build build -j"$jobs"
(cd build && ctest --output-on-failure -j"$jobs")
scripts/valgrind.sh build
cmake -S . -B build-asan -DCMAKE_BUILD_TYPE=Debug -DPARX_SANITIZE=ON -DPARX_WERROR=ON >/dev/null
cmake --build build-asan -j"$jobs"
export ASAN_OPTIONS=detect_leaks=1:abort_on_error=0
export LSAN_OPTIONS="suppressions=$PWD/tests/lsan.supp:print_suppressions=0"
export UBSAN_OPTIONS=print_stacktrace=1:halt_on_error=1
(cd build-asan && ctest --output-on-failure -j"$jobs")
