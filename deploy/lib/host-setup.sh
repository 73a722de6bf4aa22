# shellcheck shell=bash
# Host preparation shared by install.sh (run WebVirt) and test.sh (run the tests): installs what is
# missing from Debian's packages and starts libvirt and PostgreSQL, with systemd where it is PID 1
# and by hand where it is not (containers, CI sandboxes).

WEBVIRT_PACKAGES=(
  libvirt-daemon-system libvirt-clients libvirt-daemon-driver-qemu qemu-system-x86 qemu-utils
  dnsmasq-base osinfo-db ovmf postgresql procps iproute2 openssl ca-certificates curl libxml2-utils
  util-linux passwd swtpm swtpm-tools
)

log() { printf '\033[1m[webvirt]\033[0m %s\n' "$*"; }
warn() { printf '\033[1;33m[webvirt] WARNING:\033[0m %s\n' "$*" >&2; }
die() { printf '\033[1;31m[webvirt] ERROR:\033[0m %s\n' "$*" >&2; exit 1; }

require_root() {
  [ "$(id -u)" = 0 ] || die "run this as root (sudo $0)"
}

have_systemd() { [ -d /run/systemd/system ] && [ "$(ps -p 1 -o comm= 2>/dev/null)" = systemd ]; }

install_packages() {
  local missing=()
  for p in "$@"; do
    dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
  done
  [ ${#missing[@]} -eq 0 ] && return 0
  log "installing: ${missing[*]}"
  export DEBIAN_FRONTEND=noninteractive
  apt-get update -qq
  apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
}

check_dotnet() {
  command -v dotnet >/dev/null || die "the .NET 10 SDK is not installed (https://learn.microsoft.com/dotnet/core/install/linux-debian); install it, then run this again"
  dotnet --list-sdks | grep -q '^10\.' || die "the .NET 10 SDK is needed; found: $(dotnet --list-sdks | tr '\n' ' ')"
}

# Says plainly what stands between this host and KVM; emulation (TCG) still works without it.
report_kvm() {
  local flag modules
  flag=$(grep -m1 -owE 'vmx|svm' /proc/cpuinfo || true)
  modules=$(ls /sys/module 2>/dev/null | grep -E '^kvm' | tr '\n' ' ' || true)
  if [ -n "$flag" ]; then log "CPU virtualization: $flag"; else warn "the CPU shows no VT-x/AMD-V flag (vmx/svm): enable virtualization in the BIOS/UEFI, or on a nested host expose it to this VM. Guests will run with emulation (TCG), slowly."; fi
  if [ -n "$modules" ]; then log "kvm modules loaded: $modules"; else warn "no kvm module is loaded: try 'modprobe kvm_intel' or 'modprobe kvm_amd'"; fi
  if [ -e /dev/kvm ]; then
    getent group kvm >/dev/null || groupadd -r kvm
    chgrp kvm /dev/kvm && chmod 660 /dev/kvm
    log "/dev/kvm: $(stat -c '%A %U:%G' /dev/kvm)"
  else
    warn "/dev/kvm does not exist: guests will run with emulation (TCG)"
  fi
}

# Without systemd, the system D-Bus is started by hand too: libvirtd asks polkit through it whether
# an unprivileged caller may manage it (Debian's rule lets group "libvirt" in, as on a systemd host).
# libvirtd looks for the bus once, when it starts, so the bus must be up first.
start_system_bus() {
  have_systemd && return 0
  command -v dbus-daemon >/dev/null || install_packages dbus
  [ -x /usr/lib/polkit-1/polkitd ] || install_packages polkitd
  if [ ! -S /run/dbus/system_bus_socket ] || ! pgrep -x dbus-daemon >/dev/null; then
    mkdir -p /run/dbus
    rm -f /run/dbus/pid
    dbus-daemon --system --fork >/dev/null
    log "started the system D-Bus (polkit decides who may use libvirt)"
  fi
}

start_libvirt() {
  start_system_bus
  if have_systemd; then
    systemctl enable --now virtlogd.socket libvirtd.socket libvirtd.service >/dev/null 2>&1 || systemctl start libvirtd
  else
    pgrep -x virtlogd >/dev/null || virtlogd -d
    pgrep -x libvirtd >/dev/null || libvirtd -d
  fi
  for _ in $(seq 1 50); do
    virsh -c qemu:///system uri >/dev/null 2>&1 && { log "libvirtd is running ($(virsh -c qemu:///system version --daemon 2>/dev/null | sed -n 's/Running against daemon: //p'))"; return 0; }
    sleep 0.2
  done
  die "libvirtd did not start; see /var/log/libvirt/libvirtd.log"
}

ensure_default_pool() {
  virsh -c qemu:///system pool-info default >/dev/null 2>&1 && return 0
  mkdir -p /var/lib/libvirt/images
  virsh -c qemu:///system pool-define-as default dir --target /var/lib/libvirt/images >/dev/null
  virsh -c qemu:///system pool-autostart default >/dev/null
  virsh -c qemu:///system pool-start default >/dev/null
  log "created storage pool 'default' at /var/lib/libvirt/images"
}

pg_version() { ls /usr/lib/postgresql | sort -n | tail -1; }

start_postgres() {
  local v
  v=$(pg_version)
  if have_systemd; then
    systemctl enable --now postgresql >/dev/null
  else
    pg_lsclusters -h | awk '{print $4}' | grep -q online || pg_ctlcluster "$v" main start
  fi
  for _ in $(seq 1 50); do
    su postgres -c "psql -qAtc 'select 1'" >/dev/null 2>&1 && return 0
    sleep 0.2
  done
  die "PostgreSQL did not start; see /var/log/postgresql/"
}

# ensure_pg_role NAME PASSWORD [superuser]: creates or updates a login role. Without "superuser" the
# role may create nothing outside what it is granted: no databases, no roles.
ensure_pg_role() {
  local name=$1 password=$2 super=${3:-}
  local attrs
  [ -n "$super" ] && attrs="LOGIN SUPERUSER" || attrs="LOGIN NOSUPERUSER NOCREATEDB NOCREATEROLE"
  su postgres -c "psql -qAt -v ON_ERROR_STOP=1" >/dev/null <<SQL
DO \$\$ BEGIN
  IF NOT EXISTS (SELECT FROM pg_roles WHERE rolname = '$name') THEN
    CREATE ROLE "$name" $attrs PASSWORD '$password';
  ELSE
    ALTER ROLE "$name" $attrs PASSWORD '$password';
  END IF;
END \$\$;
SQL
}

ensure_pg_database() {
  local name=$1 owner=$2
  su postgres -c "psql -qAtc \"SELECT 1 FROM pg_database WHERE datname = '$name'\"" | grep -q 1 ||
    su postgres -c "createdb -O '$owner' '$name'"
}
