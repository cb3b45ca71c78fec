# bash completion for clause(1). The subcommands and options are read from
# the installed binary's own help, so they never drift from it.

_clause_help() {
  "$1" "${@:2}" --help 2>/dev/null
}

_clause() {
  local cur prev exe sub i
  cur=${COMP_WORDS[COMP_CWORD]}
  prev=${COMP_WORDS[COMP_CWORD - 1]}
  exe=${COMP_WORDS[0]}
  sub=""
  for ((i = 1; i < COMP_CWORD; i++)); do
    case ${COMP_WORDS[i]} in
      -*) ;;
      *) sub=${COMP_WORDS[i]}; break ;;
    esac
  done

  if [[ -z $sub ]]; then
    if [[ $cur == -* ]]; then
      COMPREPLY=($(compgen -W "--help --version" -- "$cur"))
    else
      local subs
      subs=$(_clause_help "$exe" | sed -n '/^[Ss][Uu][Bb][Cc][Oo][Mm][Mm][Aa][Nn][Dd][Ss]:/,$ s/^  \([a-z][a-z-]*\) .*/\1/p')
      COMPREPLY=($(compgen -W "$subs" -- "$cur"))
    fi
    return
  fi

  local help
  help=$(_clause_help "$exe" "$sub")
  case $prev in
    -o | --output | --baseline | --config | --roots-from | --var-file)
      COMPREPLY=($(compgen -f -- "$cur")); compopt -o filenames 2>/dev/null; return ;;
    --rules | --cache-dir)
      COMPREPLY=($(compgen -d -- "$cur")); compopt -o filenames 2>/dev/null; return ;;
    --fail-on | --severity-min)
      COMPREPLY=($(compgen -W "critical high medium low info never" -- "$cur")); return ;;
    --enable | --disable)
      COMPREPLY=($(compgen -W "$("$exe" rules 2>/dev/null | awk '$1 ~ /^[A-Z][A-Z0-9]*-/ {print $1}')" -- "$cur")); return ;;
    -*)
      # An option whose help lists its values, e.g. "-f,--format TEXT:{text,json,...}".
      local values
      values=$(printf '%s\n' "$help" | grep -E "^ *([^ ]*,)?$prev[ ,]" | sed -n 's/.*:{\([^}]*\)}.*/\1/p' | tr ',' ' ')
      if [[ -n $values ]]; then
        COMPREPLY=($(compgen -W "$values" -- "$cur")); return
      fi ;;
  esac
  if [[ $cur == -* ]]; then
    local opts
    opts=$(printf '%s\n' "$help" | sed -n 's/^ *\(-[^ ]*\).*/\1/p' | tr ',' '\n' | grep '^-')
    COMPREPLY=($(compgen -W "$opts" -- "$cur"))
  elif [[ $sub == explain ]]; then
    COMPREPLY=($(compgen -W "$("$exe" rules 2>/dev/null | awk '$1 ~ /^[A-Z][A-Z0-9]*-/ {print $1}')" -- "$cur"))
  else
    COMPREPLY=($(compgen -f -- "$cur")); compopt -o filenames 2>/dev/null
  fi
}

complete -F _clause clause
