#!/usr/bin/env bash
# Installs the Debian packages parx needs, only those that are missing.
set -euo pipefail
# valgrind: scripts/valgrind.sh; man-db, groff-base: the install test reads the manual.
packages=(build-essential cmake pkg-config python3
          libicu-dev libpcre2-dev libjansson-dev libcmocka-dev
          libpoppler-glib-dev libxml2-dev libzip-dev libsqlite3-dev libssl-dev
          libcsv-dev sqlite3 parallel
          valgrind man-db groff-base)
missing=()
for p in "${packages[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
done
[ ${#missing[@]} -eq 0 ] && exit 0
echo "parx: installing ${missing[*]}" >&2
sudo=""
[ "$(id -u)" -eq 0 ] || sudo="sudo"
export DEBIAN_FRONTEND=noninteractive
$sudo apt-get update -qq
$sudo apt-get install -y -qq --no-install-recommends "${missing[@]}"
