#!/usr/bin/env bash
# parx benchmark: prints figures, asserts nothing. See bench/README.md.
#
#   bench/run.sh [PARX_BINARY]
#
# PARX_BINARY defaults to build/parx under the repository root (found from this
# script's location). The corpus is $PARX_CORPUS, else REPO/../shared/corpus.
# Exit status: 0 when the figures were printed (whatever they are), 2 when the
# binary, the corpus or python3 is missing.
set -euo pipefail

script_dir=$(cd -- "$(dirname -- "${BASH_SOURCE[0]}")" && pwd -P)
repo=$(cd -- "$script_dir/.." && pwd -P)

die() {
  printf 'bench: %s\n' "$*" >&2
  exit 2
}

if [[ $# -gt 1 || ${1-} == -h || ${1-} == --help ]]; then
  sed -n '2,9p' "${BASH_SOURCE[0]}" | sed 's/^# \{0,1\}//'
  [[ $# -gt 1 ]] && exit 2
  exit 0
fi

parx=${1:-$repo/build/parx}
if [[ ! -e $parx ]]; then
  die "parx binary not found: $parx (build it: cmake -S $repo -B $repo/build -DCMAKE_BUILD_TYPE=Release && cmake --build $repo/build --target parx; or pass the binary as the first argument)"
fi
[[ -f $parx && -x $parx ]] || die "not an executable file: $parx"
parx=$(cd -- "$(dirname -- "$parx")" && pwd -P)/$(basename -- "$parx")

corpus=${PARX_CORPUS:-$repo/../shared/corpus}
[[ -d $corpus ]] || die "corpus not found: $corpus (set PARX_CORPUS to the directory holding txt/, docx/, pdf/)"
corpus=$(cd -- "$corpus" && pwd -P)
shopt -s nullglob
txt_files=("$corpus"/txt/*.txt)
shopt -u nullglob
[[ ${#txt_files[@]} -gt 0 ]] || die "no .txt files in $corpus/txt (is PARX_CORPUS the corpus root?)"

command -v python3 >/dev/null 2>&1 || die "python3 is needed (standard library only)"

# Tools to compare with. Installed with apt only when missing and apt is usable
# (root, apt-get present); PARX_BENCH_NO_INSTALL=1 forbids installing.
apt_updated=0
try_install() { # package...
  [[ ${PARX_BENCH_NO_INSTALL:-0} == 1 ]] && return 1
  [[ $(id -u) -eq 0 ]] && command -v apt-get >/dev/null 2>&1 || return 1
  printf 'bench: installing %s with apt-get ...\n' "$*" >&2
  if DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "$@" \
    >/dev/null 2>&1; then
    return 0
  fi
  if [[ $apt_updated -eq 0 ]]; then
    apt_updated=1
    apt-get update -qq >/dev/null 2>&1 || return 1
    DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "$@" \
      >/dev/null 2>&1 && return 0
  fi
  return 1
}
command -v pdftotext >/dev/null 2>&1 || try_install poppler-utils ||
  printf 'bench: pdftotext (poppler-utils) is missing and could not be installed\n' >&2
command -v pandoc >/dev/null 2>&1 || try_install pandoc ||
  printf 'bench: pandoc is missing and could not be installed\n' >&2
[[ -x /usr/bin/time ]] || try_install time ||
  printf 'bench: /usr/bin/time (package time) is missing and could not be installed\n' >&2

tmp=$(mktemp -d "${TMPDIR:-/tmp}/parx-bench.XXXXXX")
cleanup() { rm -rf -- "$tmp"; }
trap cleanup EXIT
trap 'exit 130' INT
trap 'exit 143' TERM

python3 "$script_dir/bench.py" --parx "$parx" --corpus "$corpus" --tmp "$tmp"
