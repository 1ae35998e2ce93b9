#!/usr/bin/env bash
# Installs the Debian packages parx needs, only those that are missing.
# Optional packages (Chromium, for the report's browser test) are tried
# too; where they cannot be installed, the tests that need them say so and
# are skipped.
set -euo pipefail
# valgrind: scripts/valgrind.sh; man-db, groff-base: the install test reads the manual.
# libtesseract-dev, libleptonica-dev, tesseract-ocr-vie: OCR (its model);
# fonts-dejavu-core: the OCR tests draw Vietnamese text; tesseract-ocr, qpdf,
# poppler-utils: bench/ocr.py compares with the tesseract command.
packages=(build-essential cmake pkg-config python3
          libicu-dev libpcre2-dev libjansson-dev libcmocka-dev
          libpoppler-glib-dev libxml2-dev libzip-dev libsqlite3-dev nettle-dev
          libcsv-dev sqlite3 parallel python3-jsonschema
          libtesseract-dev libleptonica-dev tesseract-ocr-vie tesseract-ocr fonts-dejavu-core
          qpdf poppler-utils
          valgrind man-db groff-base)
optional=(chromium)
missing_of() {
  for p in "$@"; do
    dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || echo "$p"
  done
}
mapfile -t missing < <(missing_of "${packages[@]}")
mapfile -t missing_optional < <(missing_of "${optional[@]}")
[ ${#missing[@]} -eq 0 ] && [ ${#missing_optional[@]} -eq 0 ] && exit 0
sudo=""
[ "$(id -u)" -eq 0 ] || sudo="sudo"
export DEBIAN_FRONTEND=noninteractive
apt=($sudo apt-get -o DPkg::Lock::Timeout=600)
updated=0
if [ ${#missing[@]} -gt 0 ]; then
  echo "parx: installing ${missing[*]}" >&2
  "${apt[@]}" update -qq
  updated=1
  "${apt[@]}" install -y -qq --no-install-recommends "${missing[@]}"
fi
if [ ${#missing_optional[@]} -gt 0 ]; then
  echo "parx: installing ${missing_optional[*]} (optional)" >&2
  { [ $updated -eq 1 ] || "${apt[@]}" update -qq; } &&
    "${apt[@]}" install -y -qq --no-install-recommends "${missing_optional[@]}" ||
    echo "parx: could not install ${missing_optional[*]}; the tests that need it are skipped" >&2
fi
exit 0
