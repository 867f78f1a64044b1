# shellcheck shell=bash
# Sourced by the fakes of test/e2e/harness/state-fakes.ts after the call is logged: rpm, pip,
# vgdisplay and chkconfig answering from state instead of printing nothing. The state the skipped
# packages and mounts tags would leave is under "${TEJUN_SHIM_LOG_FILE%/*}/state/" (one name a
# line: packages, pip, vgs; written by harness/skipped-state.ts); without its file a fake returns
# 0 having printed nothing, as the plain fake does. chkconfig reads the stateful fake systemd's
# units of this root (systemctl.bash: units/<basename of TEJUN_ROOT>/).

tejun_state_dir="${TEJUN_SHIM_LOG_FILE%/*}/state"

# tejun_fake_rpm ARG...: `rpm -qa [GLOB…]` lists the installed packages as NAME-0-0.e2e.noarch;
# `rpm -q NAME…` prints that for each installed NAME, `package NAME is not installed` and status 1
# for the others.
tejun_fake_rpm() {
  local state="$tejun_state_dir/packages" mode a p g n hit found rc=0
  [[ -f "$state" ]] || return 0
  mode=${1:-}
  shift || true
  local pats=() installed=()
  for a in "$@"; do [[ "$a" == -* ]] || pats+=("$a"); done
  mapfile -t installed <"$state"
  if [[ "$mode" == -qa ]]; then
    for p in "${installed[@]}"; do
      hit=$((${#pats[@]} == 0))
      for g in "${pats[@]}"; do
        # shellcheck disable=SC2053 # the argument is rpm's glob
        if [[ "$p" == $g || "$p-0-0.e2e.noarch" == $g ]]; then hit=1; fi
      done
      if ((hit)); then printf '%s-0-0.e2e.noarch\n' "$p"; fi
    done
  elif [[ "$mode" == -q ]]; then
    for n in "${pats[@]}"; do
      found=0
      for p in "${installed[@]}"; do if [[ "$p" == "$n" ]]; then found=1; fi; done
      if ((found)); then printf '%s-0-0.e2e.noarch\n' "$n"; else echo "package $n is not installed"; rc=1; fi
    done
  fi
  return "$rc"
}

# tejun_fake_pip ARG...: `pip list` (columns) and `pip freeze` (NAME==VERSION) of the installed
# distributions; the version is the pin of the task (`name==1.2`), else 0.
tejun_fake_pip() {
  local state="$tejun_state_dir/pip" d name version
  [[ -f "$state" && ("${1:-}" == list || "${1:-}" == freeze) ]] || return 0
  if [[ "$1" == list ]]; then printf '%-20s %s\n%-20s %s\n' Package Version -------------------- -------; fi
  while IFS= read -r d; do
    name=${d%%==*}
    version=0
    if [[ "$d" == *==* ]]; then version=${d#*==}; fi
    if [[ "$1" == list ]]; then printf '%-20s %s\n' "$name" "$version"; else printf '%s==%s\n' "$name" "$version"; fi
  done <"$state"
}

# tejun_fake_vgdisplay [VG…]: each volume group asked (default all), or `Volume group "VG" not
# found` on stderr and status 5.
tejun_fake_vgdisplay() {
  local state="$tejun_state_dir/vgs" a v g found rc=0
  [[ -f "$state" ]] || return 0
  local vgs=() asked=()
  mapfile -t vgs <"$state"
  for a in "$@"; do [[ "$a" == -* ]] || asked+=("$a"); done
  ((${#asked[@]} > 0)) || asked=("${vgs[@]}")
  for v in "${asked[@]}"; do
    found=0
    for g in "${vgs[@]}"; do if [[ "$g" == "$v" ]]; then found=1; fi; done
    if ((found)); then
      printf '  --- Volume group ---\n  VG Name               %s\n  Format                lvm2\n\n' "$v"
    else
      echo "  Volume group \"$v\" not found" >&2
      rc=5
    fi
  done
  return "$rc"
}

# tejun_fake_chkconfig ARG...: `chkconfig --list [NAME]` lists the units the fake systemd has
# started or enabled on this root (runlevels 2-5 on when enabled); a unit the run never touched
# is not listed.
tejun_fake_chkconfig() {
  local root=${TEJUN_ROOT:-default} units f u on
  root=${root%/}
  units="${TEJUN_SHIM_LOG_FILE%/*}/units/${root##*/}"
  [[ "${1:-}" == --list && -d "$units" ]] || return 0
  local -A seen=()
  for f in "$units"/*.active "$units"/*.enabled; do
    [[ -e "$f" ]] || continue
    f=${f##*/}
    seen[${f%.*}]=1
  done
  local names=()
  mapfile -t names < <(printf '%s\n' "${!seen[@]}" | LC_ALL=C sort)
  for u in "${names[@]}"; do
    [[ -n "$u" ]] || continue
    if [[ -n "${2:-}" && "$u" != "$2" ]]; then continue; fi
    if [[ -e "$units/$u.enabled" ]]; then on=on; else on=off; fi
    printf '%-16s0:off\t1:off\t2:%s\t3:%s\t4:%s\t5:%s\t6:off\n' "$u" "$on" "$on" "$on" "$on"
  done
}
