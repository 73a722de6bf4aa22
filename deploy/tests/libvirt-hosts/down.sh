#!/usr/bin/env bash
# Stops the test's libvirt hosts and removes what up.sh made.
#   sudo deploy/tests/libvirt-hosts/down.sh b c   # only hosts b and c
#   sudo deploy/tests/libvirt-hosts/down.sh       # every host, the shared and local storage folders,
#                                                 # and on the system libvirtd the domains and pools
#                                                 # named with the test prefix
# The test prefix is $WEBVIRT_TEST_PREFIX, else "wvt-"; nothing else on the system libvirtd is
# touched, and the system daemons are never stopped. Daemons are stopped only through their pid
# files, after checking the process's name. Safe to run when nothing is up.
set -uo pipefail
here=$(cd "$(dirname "$0")" && pwd)
# shellcheck source=common.sh
. "$here/common.sh"
[ "$(id -u)" = 0 ] || hosts_die "run this as root"

all=no
if [ $# -eq 0 ]; then
  all=yes
  for d in "$WVT_HOSTS_RUN"/? "$WVT_HOSTS_STATE"/?; do
    [ -d "$d" ] && set -- "$@" "${d##*/}"
  done
  [ $# -gt 0 ] && mapfile -t hosts < <(printf '%s\n' "$@" | sort -u) && set -- "${hosts[@]}"
fi

stop_pid() { # stop_pid PID: TERM, then KILL after 5 s
  kill "$1" 2>/dev/null || return 0
  for _ in $(seq 1 50); do [ -d "/proc/$1" ] || return 0; sleep 0.1; done
  kill -9 "$1" 2>/dev/null || true
}

for h in "$@"; do
  hosts_check_name "$h"
  uri=$(hosts_uri "$h")
  if hosts_pid "$h" libvirtd >/dev/null; then
    # Every guest on a private host is the test's.
    for d in $(timeout 20 virsh -q -c "$uri" list --name 2>/dev/null); do
      timeout 20 virsh -q -c "$uri" destroy "$d" >/dev/null 2>&1 || true
    done
  fi
  for d in libvirtd virtlogd; do
    if pid=$(hosts_pid "$h" "$d"); then stop_pid "$pid"; fi
  done
  # QEMUs that outlived their libvirtd (after a kill -9, say)
  for pid in $(hosts_qemu_pids "$h"); do stop_pid "$pid"; done
  rm -rf "${WVT_HOSTS_RUN:?}/$h" "${WVT_HOSTS_STATE:?}/$h"
  rm -f "$WVT_HOSTS_BIN/$(hosts_daemon_name "$h" libvirtd)" "$WVT_HOSTS_BIN/$(hosts_daemon_name "$h" virtlogd)"
  hosts_log "host $h is down"
done

if [ "$all" = yes ]; then
  prefix=${WEBVIRT_TEST_PREFIX:-wvt-}
  system=qemu:///system
  if virsh -q -c "$system" uri >/dev/null 2>&1; then
    for d in $(virsh -q -c "$system" list --all --name 2>/dev/null | awk -v p="$prefix" 'index($0, p) == 1'); do
      virsh -q -c "$system" domjobabort "$d" >/dev/null 2>&1 || true
      virsh -q -c "$system" destroy "$d" >/dev/null 2>&1 || true
      virsh -q -c "$system" undefine --nvram "$d" >/dev/null 2>&1 || virsh -q -c "$system" undefine "$d" >/dev/null 2>&1 || true
    done
    for p in $(virsh -q -c "$system" pool-list --all --name 2>/dev/null | awk -v p="$prefix" 'index($0, p) == 1'); do
      virsh -q -c "$system" pool-destroy "$p" >/dev/null 2>&1 || true
      virsh -q -c "$system" pool-undefine "$p" >/dev/null 2>&1 || true
    done
  fi
  rm -rf "$WVT_HOSTS_RUN" "$WVT_HOSTS_STATE" "$WVT_SHARED" "$WVT_LOCAL"
  hosts_log "every test host and the shared and local storage folders are removed"
fi
exit 0
