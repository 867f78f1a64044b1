# shellcheck shell=bash
# Sourced by every shim script of test/e2e/harness/shim.ts: appends one JSON line describing the
# call to "$TEJUN_SHIM_LOG_FILE". Needs TEJUN_SHIM_CMD (the command name) set by the shim.
# Pure bash (no process per call besides the shim itself): a shimmed runbook calls it hundreds of
# times.

# tejun_shim_json STRING: STRING as a JSON string literal on stdout.
tejun_shim_json() {
  local s=$1 c hex code
  s=${s//\\/\\\\}
  s=${s//\"/\\\"}
  s=${s//$'\n'/\\n}
  s=${s//$'\t'/\\t}
  s=${s//$'\r'/\\r}
  if [[ $s == *[[:cntrl:]]* ]]; then
    for code in {1..31} 127; do
      # shellcheck disable=SC2059 # the format is the octal escape of one control character
      printf -v c "\\$(printf '%03o' "$code")"
      printf -v hex '\\u%04x' "$code"
      s=${s//"$c"/$hex}
    done
  fi
  printf '"%s"' "$s"
}

# tejun_shim_log RAN ARG...: log one call of $TEJUN_SHIM_CMD with ARGs; RAN is true or false.
tejun_shim_log() {
  local ran=$1 line a first=1
  shift
  line="{\"cmd\":$(tejun_shim_json "$TEJUN_SHIM_CMD"),\"argv\":["
  for a in "$@"; do
    ((first)) || line+=","
    first=0
    line+=$(tejun_shim_json "$a")
  done
  line+="],\"cwd\":$(tejun_shim_json "$PWD")"
  if [[ -n "${TEJUN_STEP+x}" ]]; then line+=",\"step\":$(tejun_shim_json "$TEJUN_STEP")"; else line+=',"step":null'; fi
  if [[ -n "${TEJUN_STEP_ROLE+x}" ]]; then line+=",\"role\":$(tejun_shim_json "$TEJUN_STEP_ROLE")"; else line+=',"role":null'; fi
  line+=",\"ran\":$ran}"
  printf '%s\n' "$line" >>"$TEJUN_SHIM_LOG_FILE"
}
