#!/usr/bin/env bash
# The full differential run (issue 17): every table shape of tests/diff/gen.py
# in portrait and landscape, with and without borders, rendered by LibreOffice
# and Chromium, and the agreement of the PDF reader's cells with the DOCX
# reader's. Prints figures, asserts nothing; the test suite runs the fixed set
# that tests/diff/data holds (rendering all of it takes minutes).
#
#   bench/diff.sh [PARX_BINARY]
set -euo pipefail
repo=$(cd -- "$(dirname -- "${BASH_SOURCE[0]}")/.." && pwd -P)
parx=${1:-$repo/build/parx}
for tool in soffice chromium python3; do
  command -v "$tool" >/dev/null 2>&1 || {
    printf 'bench/diff.sh: %s is missing (LibreOffice: apt-get install libreoffice-writer-nogui)\n' \
      "$tool" >&2
    exit 2
  }
done
out=$(mktemp -d)
trap 'rm -rf "$out"' EXIT
python3 "$repo/tests/diff/gen.py" "$out" --all --render 2>/dev/null
python3 "$repo/tests/diff/diff.py" "$parx" "$out"
