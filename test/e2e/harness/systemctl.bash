# shellcheck shell=bash
# Sourced by the stateful `systemctl` shim of test/e2e/harness/shim.ts (option `units`), after the
# call is logged: a fake systemd that keeps each unit's state as marker files under
# "$TEJUN_SHIM_UNITS/<basename of TEJUN_ROOT>/" (one state per sandbox root: check mode, the real
# runs and the two-host run each see their own machine), answering what ansible.builtin.systemd
# (and ansible.builtin.service, which delegates to it on a systemd host) runs:
#   systemctl show UNIT            Id, LoadState=loaded, ActiveState, SubState, UnitFileState
#   systemctl is-enabled UNIT [-l] enabled (0) / disabled (1)
#   systemctl is-active UNIT       active (0) / inactive (3)
#   systemctl status UNIT…         Loaded and Active lines; 0 when every unit is active, else 3
#   systemctl start|stop|restart|reload|try-restart|reload-or-restart|enable|disable UNIT…
#   systemctl daemon-reload, daemon-reexec, list-unit-files UNIT
# Every unit name is known (the packages that would install it are not installed here: the e2e
# skips the packages tag); `foo` and `foo.service` are one unit. Exits with systemctl's status.

# `command -p`: the real mkdir and rm, not the shim's (this is the fake's plumbing, not a call to log).
tejun_root=${TEJUN_ROOT:-default}
tejun_root=${tejun_root%/}
tejun_units_dir="${TEJUN_SHIM_UNITS:?}/${tejun_root##*/}"
command -p mkdir -p -- "$tejun_units_dir"

# tejun_unit NAME: the unit's file stem (NAME without .service; / replaced).
tejun_unit() {
  local u=${1%.service}
  printf '%s' "${u//\//_}"
}

tejun_verb=""
tejun_units=()
for tejun_a in "$@"; do
  case "$tejun_a" in
    -*) ;;
    *) if [[ -z "$tejun_verb" ]]; then tejun_verb=$tejun_a; else tejun_units+=("$tejun_a"); fi ;;
  esac
done

tejun_rc=0
case "$tejun_verb" in
  show)
    for tejun_a in "${tejun_units[@]}"; do
      tejun_u=$(tejun_unit "$tejun_a")
      if [[ -e "$tejun_units_dir/$tejun_u.active" ]]; then active=active sub=running; else active=inactive sub=dead; fi
      if [[ -e "$tejun_units_dir/$tejun_u.enabled" ]]; then file=enabled; else file=disabled; fi
      printf 'Id=%s.service\nNames=%s.service\nLoadState=loaded\nActiveState=%s\nSubState=%s\nUnitFileState=%s\n' \
        "$tejun_u" "$tejun_u" "$active" "$sub" "$file"
    done
    ;;
  is-enabled)
    for tejun_a in "${tejun_units[@]}"; do
      if [[ -e "$tejun_units_dir/$(tejun_unit "$tejun_a").enabled" ]]; then echo enabled; else echo disabled; tejun_rc=1; fi
    done
    ;;
  is-active)
    for tejun_a in "${tejun_units[@]}"; do
      if [[ -e "$tejun_units_dir/$(tejun_unit "$tejun_a").active" ]]; then echo active; else echo inactive; tejun_rc=3; fi
    done
    ;;
  status)
    for tejun_a in "${tejun_units[@]}"; do
      tejun_u=$(tejun_unit "$tejun_a")
      if [[ -e "$tejun_units_dir/$tejun_u.enabled" ]]; then file=enabled; else file=disabled; fi
      if [[ -e "$tejun_units_dir/$tejun_u.active" ]]; then active='active (running)'; else active='inactive (dead)'; tejun_rc=3; fi
      printf '* %s.service\n   Loaded: loaded (/usr/lib/systemd/system/%s.service; %s)\n   Active: %s\n' "$tejun_u" "$tejun_u" "$file" "$active"
    done
    ;;
  start | restart | reload | reload-or-restart | try-restart)
    for tejun_a in "${tejun_units[@]}"; do
      tejun_u=$(tejun_unit "$tejun_a")
      if [[ "$tejun_verb" == try-restart && ! -e "$tejun_units_dir/$tejun_u.active" ]]; then continue; fi
      if [[ "$tejun_verb" == reload && ! -e "$tejun_units_dir/$tejun_u.active" ]]; then
        echo "Job for $tejun_u.service failed: the unit is not active." >&2
        tejun_rc=1
        continue
      fi
      : >"$tejun_units_dir/$tejun_u.active"
    done
    ;;
  stop)
    for tejun_a in "${tejun_units[@]}"; do command -p rm -f -- "$tejun_units_dir/$(tejun_unit "$tejun_a").active"; done
    ;;
  enable)
    for tejun_a in "${tejun_units[@]}"; do : >"$tejun_units_dir/$(tejun_unit "$tejun_a").enabled"; done
    ;;
  disable)
    for tejun_a in "${tejun_units[@]}"; do command -p rm -f -- "$tejun_units_dir/$(tejun_unit "$tejun_a").enabled"; done
    ;;
  list-unit-files)
    for tejun_a in "${tejun_units[@]}"; do
      tejun_u=$(tejun_unit "$tejun_a")
      if [[ -e "$tejun_units_dir/$tejun_u.enabled" ]]; then file=enabled; else file=disabled; fi
      printf '%s.service %s\n' "$tejun_u" "$file"
    done
    ;;
  daemon-reload | daemon-reexec | "") ;;
  *)
    echo "systemctl (tejun e2e fake): unknown operation $tejun_verb" >&2
    tejun_rc=1
    ;;
esac
exit "$tejun_rc"
