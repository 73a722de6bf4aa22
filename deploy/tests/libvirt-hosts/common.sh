# shellcheck shell=bash
# shellcheck disable=SC2034 # the variables are used by the scripts that source this file
# Names, paths and URIs of the test's libvirt hosts, shared by up.sh and down.sh (sourced).
#
# A host is one letter, a..z: a libvirtd + virtlogd pair of its own, run as root in its own mount
# namespace, reachable only through a root-only unix socket. The host's libvirtd ("system") is
# reachable under the same kind of URI, so every host can dial every other one.
#
#   /run/wvt-hosts/X/libvirt-sock        host X's libvirtd socket, visible in every namespace
#   /run/wvt-hosts/X/{libvirtd,virtlogd}.pid
#   /run/wvt-hosts/system/libvirt-sock   the system libvirtd, under a path that also works inside
#                                        the private namespaces
#   /var/lib/wvt-hosts/X/{etc,lib,cache,log,local}
#                                        bind-mounted in X's namespace over /etc/libvirt,
#                                        /var/lib/libvirt, /var/cache/libvirt, /var/log/libvirt and
#                                        /var/lib/wvt-local
#   /var/lib/wvt-shared                  "shared storage": the same directory on every host
#   /var/lib/wvt-local                   "local storage": the same path, another directory on every
#                                        host (the system host has the real one)

WVT_HOSTS_RUN=/run/wvt-hosts
WVT_HOSTS_STATE=/var/lib/wvt-hosts
WVT_HOSTS_BIN=$WVT_HOSTS_RUN/bin
WVT_SHARED=/var/lib/wvt-shared
WVT_LOCAL=/var/lib/wvt-local
# The pool every private host has on its local storage: copy-storage migrations create the
# destination volume through it.
WVT_LOCAL_POOL=wvt-local

# The daemons run under names of their own, so that `pgrep -x libvirtd || libvirtd -d` still starts
# the system one and nothing that signals "libvirtd" by name reaches them. comm keeps 15 characters.
hosts_daemon_name() { echo "wvt-$2-$1"; } # hosts_daemon_name HOST libvirtd|virtlogd

hosts_log() { printf '[libvirt-hosts] %s\n' "$*" >&2; }
hosts_die() { printf '[libvirt-hosts] ERROR: %s\n' "$*" >&2; exit 1; }

hosts_check_name() {
  [[ $1 =~ ^[a-z]$ ]] || hosts_die "a host is one letter a..z, not '$1'"
}

# a=1 .. z=26, for the port ranges
hosts_index() { echo $(( $(printf '%d' "'$1") - 96 )); }

# A fixed UUID per host letter: libvirt refuses to migrate between daemons with the same host UUID,
# and on a machine without SMBIOS every libvirtd would otherwise report the same one.
hosts_uuid() {
  local h
  h=$(printf 'webvirt-test-host-%s' "$1" | md5sum | cut -c1-32)
  echo "${h:0:8}-${h:8:4}-4${h:13:3}-a${h:17:3}-${h:20:12}"
}

# Host X's URI, the same from the root namespace and from inside any host: it is also the
# destination URI of a peer-to-peer migration. "+unix" matters: inside a libvirtd a plain
# qemu:///system?socket=… is answered by that daemon's own driver, i.e. the source itself.
hosts_uri() { echo "qemu+unix:///system?socket=$WVT_HOSTS_RUN/$1/libvirt-sock"; }

# The pid of host X's libvirtd or virtlogd, if its pid file names a live process of that name.
hosts_pid() { # hosts_pid HOST libvirtd|virtlogd
  local file=$WVT_HOSTS_RUN/$1/$2.pid pid name
  name=$(hosts_daemon_name "$1" "$2")
  [[ -s $file ]] || return 1
  pid=$(<"$file")
  [[ $pid =~ ^[0-9]+$ ]] || return 1
  [[ $(cat "/proc/$pid/comm" 2>/dev/null) == "${name:0:15}" ]] || return 1
  echo "$pid"
}

# QEMU processes of host X: they live in X's mount namespace, so X's bind mounts are in their
# mount table (field 4 of mountinfo is the bind mount's source directory).
hosts_qemu_pids() {
  local f pid
  for f in /proc/[0-9]*/comm; do
    [[ $(cat "$f" 2>/dev/null) == qemu-system-* ]] || continue
    pid=${f#/proc/}; pid=${pid%/comm}
    grep -qs " $WVT_HOSTS_STATE/$1/" "/proc/$pid/mountinfo" && echo "$pid"
  done
}
