#!/usr/bin/env bash
# Quick start: install what is missing, build, extract the shipped example, and
# convert the examples folder as an archive would be (parx batch).
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/deps.sh
cmake -S . -B build -DCMAKE_BUILD_TYPE=Release >/dev/null
cmake --build build -j"$(nproc)"
echo "== build/parx extract examples/ke-hoach-mau.txt" >&2
build/parx extract examples/ke-hoach-mau.txt
echo "== build/parx batch -o build/examples.jsonl examples/" >&2
build/parx batch -o build/examples.jsonl examples/
