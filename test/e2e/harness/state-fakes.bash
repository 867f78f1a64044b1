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

# tejun_fake_ip_prefix NETMASK: the prefix length of a dotted netmask (255.255.255.0 → 24).
tejun_fake_ip_prefix() {
  local IFS=. octet bits=0
  for octet in $1; do
    case "$octet" in
      255) bits=$((bits + 8)) ;; 254) bits=$((bits + 7)) ;; 252) bits=$((bits + 6)) ;; 248) bits=$((bits + 5)) ;;
      240) bits=$((bits + 4)) ;; 224) bits=$((bits + 3)) ;; 192) bits=$((bits + 2)) ;; 128) bits=$((bits + 1)) ;;
    esac
  done
  printf '%s' "$bits"
}

# tejun_fake_ifcfg FILE KEY: the value of KEY= in a network-scripts file (quotes and a trailing
# comment dropped), read as text, never sourced.
tejun_fake_ifcfg() {
  local line value
  while IFS= read -r line; do
    [[ "$line" == "$2="* ]] || continue
    value=${line#*=}
    value=${value%%#*}
    value=${value%"${value##*[![:space:]]}"}
    value=${value//\'/}
    value=${value//\"/}
    printf '%s' "$value"
  done <"$1"
}

# tejun_fake_ip ARG...: `ip a|addr|address s|show [dev] DEV` shows the address the network
# scripts under the root give DEV at boot (TEJUN_ROOT/etc/sysconfig/network-scripts/ifcfg-DEV:
# IPADDR, NETMASK or PREFIX), `Device "DEV" does not exist.` and status 1 when the run wrote no
# such file; any other use prints nothing, as the plain fake.
tejun_fake_ip() {
  local words=() a dev file ip prefix mask
  for a in "$@"; do [[ "$a" == -* ]] || words+=("$a"); done
  case "${words[0]:-}" in a | addr | address) ;; *) return 0 ;; esac
  case "${words[1]:-}" in s | show | list) ;; *) return 0 ;; esac
  dev=${words[2]:-}
  [[ "$dev" == dev ]] && dev=${words[3]:-}
  [[ -n "$dev" ]] || return 0
  file="${TEJUN_ROOT%/}/etc/sysconfig/network-scripts/ifcfg-$dev"
  if [[ -z "${TEJUN_ROOT:-}" || ! -f "$file" ]]; then
    echo "Device \"$dev\" does not exist." >&2
    return 1
  fi
  ip=$(tejun_fake_ifcfg "$file" IPADDR)
  prefix=$(tejun_fake_ifcfg "$file" PREFIX)
  mask=$(tejun_fake_ifcfg "$file" NETMASK)
  [[ -z "$prefix" && -n "$mask" ]] && prefix=$(tejun_fake_ip_prefix "$mask")
  printf '2: %s: <BROADCAST,MULTICAST,UP,LOWER_UP> mtu 1500 state UP\n' "$dev"
  if [[ -n "$ip" ]]; then printf '    inet %s/%s scope global %s\n' "$ip" "${prefix:-32}" "$dev"; fi
}

# tejun_fake_ping ARG...: the summary of a reply to every packet (`-c N`, default 1), as on a
# working network: the sandbox has none, and reachability is not what the e2e proves.
tejun_fake_ping() {
  local count=1 host="" a prev=""
  for a in "$@"; do
    if [[ "$prev" == -c ]]; then count=$a; elif [[ "$a" != -* && "$prev" != -[IiWwst] ]]; then host=$a; fi
    prev=$a
  done
  printf -- '--- %s ping statistics ---\n%s packets transmitted, %s received, 0%% packet loss, time 0ms\n' "$host" "$count" "$count"
}

# tejun_fake_packstack ARG...: an install (not --dry-run) leaves the admin credentials file
# packstack writes in root's home, under the root (TEJUN_ROOT/root/keystonerc_admin), for the
# guide's later `source /root/keystonerc_admin`.
tejun_fake_packstack() {
  local a
  for a in "$@"; do [[ "$a" == --dry-run ]] && return 0; done
  [[ -n "${TEJUN_ROOT:-}" ]] || return 0
  command -p mkdir -p -- "${TEJUN_ROOT%/}/root"
  printf 'unset OS_SERVICE_TOKEN\nexport OS_USERNAME=admin\nexport OS_TENANT_NAME=admin\nexport OS_AUTH_URL=http://127.0.0.1:5000/v2.0\n' >"${TEJUN_ROOT%/}/root/keystonerc_admin"
}
