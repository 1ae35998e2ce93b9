# bash completion for parx (installed as share/bash-completion/completions/parx,
# where bash-completion loads it on first use of the command).
# Written with compgen alone, so that it also works sourced into a shell
# without the bash-completion package.

_parx() {
  local cur=${COMP_WORDS[COMP_CWORD]} prev=${COMP_WORDS[COMP_CWORD - 1]}
  local command="" i
  # bash splits '--output=FILE' at '=' (COMP_WORDBREAKS): the option is before it.
  if [[ $prev == = && COMP_CWORD -ge 2 ]]; then
    prev=${COMP_WORDS[COMP_CWORD - 2]}
  elif [[ $cur == = ]]; then
    prev=${COMP_WORDS[COMP_CWORD - 1]} cur=""
  fi
  COMPREPLY=()
  for ((i = 1; i < COMP_CWORD; i++)); do
    case ${COMP_WORDS[i]} in
    extract | text | batch | report | catalog | check)
      command=${COMP_WORDS[i]}
      break
      ;;
    esac
  done

  # The value of an option that takes one.
  case $prev in
  -o | --output | --rules | --password-file | -T | --files-from | -c | --catalog)
    mapfile -t COMPREPLY < <(compgen -f -- "$cur")
    compopt -o filenames 2>/dev/null
    return
    ;;
  --rules-dir)
    mapfile -t COMPREPLY < <(compgen -d -- "$cur")
    return
    ;;
  -f | --format)
    [ "$command" = batch ] && mapfile -t COMPREPLY < <(compgen -W "jsonl csv sqlite" -- "$cur")
    return
    ;;
  -j | --jobs | -t | --timeout | -m | --max-memory | --password | -a | --as-of | -n | --name | \
    -y | --years | --framework)
    return
    ;;
  --ocr)
    mapfile -t COMPREPLY < <(compgen -W "auto always never" -- "$cur")
    return
    ;;
  -l | --level)
    [ "$command" = catalog ] &&
      mapfile -t COMPREPLY < <(compgen -W "province district department commune" -- "$cur")
    return
    ;;
  esac

  local common="--rules= --rules-dir= --password= --password-file= --ocr= --jobs= -j --quiet -q --help -h"
  local opts
  case $command in
  "") opts="extract text batch report catalog check --help -h --version -V" ;;
  extract | text) opts="$common --output= -o --jsonl --version -V" ;;
  batch) opts="$common --output= -o --format= -f --files-from= -T --timeout= -t --max-memory= -m --resume -r" ;;
  report) opts="--rules= --rules-dir= --password= --password-file= --ocr= --help -h --output= -o --as-of= -a --catalog= -c" ;;
  catalog) opts="--name= -n --level= -l --years= -y --framework= -f --output= -o --quiet -q --help -h" ;;
  check) opts="--catalog= -c --json -j --password= --help -h" ;;
  esac

  if [[ $cur == -* ]]; then
    mapfile -t COMPREPLY < <(compgen -W "$opts" -- "$cur")
    # An option ending in '=' takes its value right after it: no space.
    [[ ${#COMPREPLY[@]} -eq 1 && ${COMPREPLY[0]} == *= ]] && compopt -o nospace 2>/dev/null
  elif [ -z "$command" ]; then
    mapfile -t COMPREPLY < <(compgen -W "extract text batch report catalog check" -- "$cur")
  else
    # Documents: any file ('-' is standard input); batch also takes directories.
    mapfile -t COMPREPLY < <(compgen -f -- "$cur")
    compopt -o filenames 2>/dev/null
  fi
}
complete -F _parx parx
