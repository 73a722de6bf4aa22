#!/usr/bin/env bash
# Starts extra libvirt hosts on this machine for migration tests, next to the system libvirtd.
#   sudo deploy/tests/libvirt-hosts/up.sh b c     # hosts b and c (default: b)
# Each host is a libvirtd + virtlogd pair in its own mount namespace with its own /etc/libvirt,
# /var/lib/libvirt, /var/cache/libvirt, /var/log/libvirt and /run/libvirt, its own host UUID, VNC
# and migration port ranges, and a pool "wvt-local" on its own /var/lib/wvt-local. It listens only on
# a root-only unix socket, qemu+unix:///system?socket=/run/wvt-hosts/X/libvirt-sock. A host that is
# already up is left as it is. down.sh undoes it. See README.md for what was measured and why.
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
# shellcheck source=common.sh
. "$here/common.sh"

[ "$(id -u)" = 0 ] || hosts_die "run this as root"
for b in /usr/sbin/libvirtd /usr/sbin/virtlogd /usr/bin/unshare /usr/bin/virsh; do
  [ -x "$b" ] || hosts_die "$b is missing (apt-get install libvirt-daemon-system libvirt-clients util-linux)"
done
[ $# -gt 0 ] || set -- b
for h in "$@"; do hosts_check_name "$h"; done

# libvirt's conf files take the first occurrence of a key: comment out the existing one, append ours.
set_key() { # set_key FILE KEY VALUE
  sed -i -E "s/^([[:space:]]*$2[[:space:]]*=)/#wvt# \1/" "$1"
  printf '%s = %s\n' "$2" "$3" >>"$1"
}

prepare_common() {
  mkdir -p "$WVT_HOSTS_RUN/system" "$WVT_HOSTS_BIN" "$WVT_HOSTS_STATE"
  chmod 0755 "$WVT_HOSTS_RUN" "$WVT_HOSTS_BIN"
  chmod 0700 "$WVT_HOSTS_STATE"
  # QEMU runs as libvirt-qemu and must reach the images.
  mkdir -p "$WVT_SHARED" "$WVT_LOCAL"
  chmod 0755 "$WVT_SHARED" "$WVT_LOCAL"
  # In the root namespace a link to the system socket; inside a host the real /run/libvirt is
  # bind-mounted over this directory, so the one URI works everywhere.
  ln -sfn /run/libvirt/libvirt-sock "$WVT_HOSTS_RUN/system/libvirt-sock"
}

prepare_host() { # prepare_host HOST
  local h=$1 i r=$WVT_HOSTS_STATE/$1 src dst d
  i=$(hosts_index "$h")
  mkdir -p "$WVT_HOSTS_RUN/$h" "$r"/{lib,cache,log,local}
  chmod 0755 "$WVT_HOSTS_RUN/$h" "$r/local"
  ln -sfn /usr/sbin/libvirtd "$WVT_HOSTS_BIN/$(hosts_daemon_name "$h" libvirtd)"
  ln -sfn /usr/sbin/virtlogd "$WVT_HOSTS_BIN/$(hosts_daemon_name "$h" virtlogd)"

  # The package's directory skeleton with its owners and modes, without content.
  for pair in /var/lib/libvirt:lib /var/cache/libvirt:cache /var/log/libvirt:log; do
    src=${pair%%:*} dst=$r/${pair#*:}
    chown --reference="$src" "$dst"; chmod --reference="$src" "$dst"
    (cd "$src" && find . -mindepth 1 -maxdepth 2 -type d ! -name 'domain-*' ! -path './images/*' -print0) |
      while IFS= read -r -d '' d; do
        mkdir -p "$dst/$d"
        chown --reference="$src/$d" "$dst/$d"; chmod --reference="$src/$d" "$dst/$d"
      done
  done
  # The system host's QEMU capabilities save the first probe (about 4 s); stale ones are re-probed.
  if [ -d /var/cache/libvirt/qemu/capabilities ]; then
    mkdir -p "$r/cache/qemu/capabilities"
    cp -p /var/cache/libvirt/qemu/capabilities/*.xml "$r/cache/qemu/capabilities/" 2>/dev/null || true
  fi

  # The system's daemon settings, but no domains, networks, pools, secrets, hooks or autostart links.
  rm -rf "${r:?}/etc"; mkdir -p "$r/etc"
  chown --reference=/etc/libvirt "$r/etc"; chmod --reference=/etc/libvirt "$r/etc"
  for f in libvirt.conf libvirtd.conf qemu.conf virtlogd.conf virtlockd.conf; do
    [ -f "/etc/libvirt/$f" ] && cp -p "/etc/libvirt/$f" "$r/etc/$f"
  done
  mkdir -p "$r/etc/qemu/networks/autostart" "$r/etc/storage/autostart" "$r/etc/nwfilter"
  mkdir -p "$r/etc/secrets"
  chmod 0700 "$r/etc/secrets"

  local c=$r/etc/libvirtd.conf
  touch "$c"
  set_key "$c" unix_sock_dir "\"$WVT_HOSTS_RUN/$h\""
  set_key "$c" unix_sock_group '"root"'
  set_key "$c" unix_sock_ro_perms '"0700"'
  set_key "$c" unix_sock_rw_perms '"0700"'
  set_key "$c" unix_sock_admin_perms '"0700"'
  set_key "$c" auth_unix_ro '"none"'
  set_key "$c" auth_unix_rw '"none"'
  set_key "$c" listen_tcp 0
  set_key "$c" listen_tls 0
  set_key "$c" host_uuid "\"$(hosts_uuid "$h")\""
  set_key "$c" log_outputs '"3:file:/var/log/libvirt/libvirtd.log"'

  local q=$r/etc/qemu.conf
  touch "$q"
  # Port ranges apart from the system host's defaults (5900…, 49152-49215) and from each other.
  set_key "$q" remote_display_port_min $((5900 + 100 * i))
  set_key "$q" remote_display_port_max $((5999 + 100 * i))
  set_key "$q" remote_websocket_port_min $((10000 + 100 * i))
  set_key "$q" remote_websocket_port_max $((10099 + 100 * i))
  set_key "$q" migration_port_min $((49152 + 64 * i))
  set_key "$q" migration_port_max $((49215 + 64 * i))
  # migration_host/migration_address = "127.0.0.1" stop the QEMU driver from loading ("must not be
  # the address of the local machine"): migrations pass migrate_uri and listen_address instead.
  set_key "$q" vnc_listen '"127.0.0.1"'
  set_key "$q" spice_listen '"127.0.0.1"'
  # No cgroups: without systemd every guest goes to /machine/qemu-ID-NAME.libvirt-qemu, ids count
  # from 1 in every daemon, and the two ends of a migration would share (and tear down) one cgroup.
  set_key "$q" cgroup_controllers '[ ]'
}

start_host() { # start_host HOST
  local h=$1 r=$WVT_HOSTS_STATE/$1
  # One shell in a new mount namespace makes the mounts, starts both daemons and exits; the
  # namespace lives on in the daemons and their QEMUs.
  # shellcheck disable=SC2016 # the script's variables are its own arguments
  unshare --mount --propagation private -- /bin/bash -euc '
    h=$1 r=$2 run=$3 ld=$4 vd=$5 system=$6 local=$7
    [ -d /run/libvirt ] && mount --bind /run/libvirt "$system"
    mount -t tmpfs -o mode=0755,size=64m "wvt-host-$h" /run/libvirt
    mount --bind "$r/etc" /etc/libvirt
    mount --bind "$r/lib" /var/lib/libvirt
    mount --bind "$r/cache" /var/cache/libvirt
    mount --bind "$r/log" /var/log/libvirt
    mount --bind "$r/local" "$local"
    cd /
    "$vd" --daemon --pid-file "$run/virtlogd.pid"
    exec "$ld" --daemon --pid-file "$run/libvirtd.pid"
  ' wvt-host "$h" "$r" "$WVT_HOSTS_RUN/$h" \
    "$WVT_HOSTS_BIN/$(hosts_daemon_name "$h" libvirtd)" "$WVT_HOSTS_BIN/$(hosts_daemon_name "$h" virtlogd)" \
    "$WVT_HOSTS_RUN/system" "$WVT_LOCAL" </dev/null >>"$r/start.log" 2>&1
}

answers() { virsh -q -c "$(hosts_uri "$1")" uri >/dev/null 2>&1; }

wait_up() { # wait_up HOST SECONDS
  local i
  for ((i = 0; i < $2 * 10; i++)); do
    answers "$1" && return 0
    sleep 0.1
  done
  return 1
}

stop_daemons() { # stop_daemons HOST
  local pid
  for d in libvirtd virtlogd; do
    if pid=$(hosts_pid "$1" "$d"); then kill "$pid" 2>/dev/null || true; fi
  done
}

prepare_common
for h in "$@"; do
  if hosts_pid "$h" libvirtd >/dev/null && answers "$h"; then
    hosts_log "host $h is already up: $(hosts_uri "$h")"
    continue
  fi
  stop_daemons "$h" # what a half-started host left
  sleep 0.2
  prepare_host "$h"
  if ! start_host "$h" || ! wait_up "$h" 30; then
    cat "$WVT_HOSTS_STATE/$h/start.log" >&2 || true
    grep -E ' (error|warning) : ' "$WVT_HOSTS_STATE/$h/log/libvirtd.log" 2>/dev/null | tail -n 5 >&2 || true
    stop_daemons "$h"
    hosts_die "host $h did not come up on $(hosts_uri "$h")"
  fi
  uri=$(hosts_uri "$h")
  if ! virsh -q -c "$uri" pool-info "$WVT_LOCAL_POOL" >/dev/null 2>&1; then
    virsh -q -c "$uri" pool-define-as "$WVT_LOCAL_POOL" dir --target "$WVT_LOCAL" >/dev/null
  fi
  virsh -q -c "$uri" pool-start "$WVT_LOCAL_POOL" >/dev/null 2>&1 || true
  hosts_log "host $h is up: $uri (host UUID $(hosts_uuid "$h"))"
done
