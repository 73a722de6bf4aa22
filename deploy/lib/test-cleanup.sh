# shellcheck shell=bash
# Removes what a test run may have left on the host. Test resources carry the "wvt-" prefix
# (databases "wvt_"), so nothing of a real installation is touched.

# Stops every process this run started (test hosts, agents, web consoles, browsers, build servers):
# test.sh exports a random WEBVIRT_TEST_RUN_ID that each of them inherits, so they are found by
# pid through their environment, also the ones that left the process group (Chromium does), and
# no process of anyone else is touched.
stop_run_processes() {
  local id=$1 pids pid
  [ -n "$id" ] || return 0
  for signal in TERM KILL; do
    pids=$(grep -lzF "WEBVIRT_TEST_RUN_ID=$id" /proc/[0-9]*/environ 2>/dev/null | cut -d/ -f3)
    for pid in $pids; do
      [ "$pid" = "$$" ] || kill "-$signal" "$pid" 2>/dev/null || true
    done
    [ -z "$pids" ] && return 0
    sleep 2
  done
}

webvirt_test_cleanup() {
  local repo=$1 uri=qemu:///system
  # The migration tests' extra libvirt hosts, first: down.sh destroys their guests through their own
  # daemons, which the next step would otherwise just kill.
  "$repo/deploy/tests/libvirt-hosts/down.sh" >/dev/null 2>&1 || true
  stop_run_processes "${WEBVIRT_TEST_RUN_ID:-}"

  if virsh -c "$uri" uri >/dev/null 2>&1; then
    for d in $(virsh -c "$uri" list --all --name | grep '^wvt-' || true); do
      virsh -c "$uri" destroy "$d" >/dev/null 2>&1 || true
      virsh -c "$uri" undefine "$d" --nvram --remove-all-storage >/dev/null 2>&1 ||
        virsh -c "$uri" undefine "$d" >/dev/null 2>&1 || true
    done
    for n in $(virsh -c "$uri" net-list --all --name | grep '^wvt-' || true); do
      virsh -c "$uri" net-destroy "$n" >/dev/null 2>&1 || true
      virsh -c "$uri" net-undefine "$n" >/dev/null 2>&1 || true
    done
    for p in $(virsh -c "$uri" pool-list --all --name | grep '^wvt-' || true); do
      for v in $(virsh -c "$uri" vol-list "$p" --name 2>/dev/null || true); do
        virsh -c "$uri" vol-delete "$v" --pool "$p" >/dev/null 2>&1 || true
      done
      virsh -c "$uri" pool-destroy "$p" >/dev/null 2>&1 || true
      virsh -c "$uri" pool-undefine "$p" >/dev/null 2>&1 || true
    done
  fi
  rm -rf /var/lib/libvirt/images/webvirt-test-* /var/lib/libvirt/boot/webvirt-wvt-* /tmp/webvirt-test-* /tmp/wvt-* 2>/dev/null || true

  dotnet build-server shutdown >/dev/null 2>&1 || true

  # The install test's instance (its own trap removes it; this is for a run that was killed).
  local pid
  for f in /run/wvt_install/*.pid; do
    [ -f "$f" ] || continue
    pid=$(cat "$f")
    grep -qa 'WebVirt\.\(Web\|Agent\)\.dll' "/proc/$pid/cmdline" 2>/dev/null && kill "$pid" 2>/dev/null
  done
  su postgres -c "dropdb --if-exists --force wvt_install" >/dev/null 2>&1 || true
  for role in wvt_install wvt_install_web wvt_install_agent; do
    su postgres -c "psql -qAtc 'DROP ROLE IF EXISTS \"$role\"'" >/dev/null 2>&1 || true
  done
  rm -rf /etc/wvt_install /var/log/wvt_install /var/lib/wvt_install /var/lib/wvt_install-agent /opt/wvt_install \
    /run/wvt_install /var/lib/libvirt/boot/wvt_install 2>/dev/null || true

  for db in $(su postgres -c "psql -qAtc \"SELECT datname FROM pg_database WHERE datname LIKE 'wvt\\_%'\"" 2>/dev/null || true); do
    su postgres -c "dropdb --if-exists --force '$db'" >/dev/null 2>&1 || true
  done
}
