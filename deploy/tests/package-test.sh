#!/usr/bin/env bash
# Builds the Debian packages (deploy/debian/build.sh: amd64 and the cross-built arm64), checks them
# with lintian and systemd-analyze, installs the amd64 ones with "apt install ./...deb" in a mount
# namespace where no dotnet exists, logs in through Debian's Chromium and leaves a user and a guest's
# notes, upgrades to a higher version built in the same run and finds them again, then removes
# (data kept) and purges (data gone). Everything it made is removed at the end, whatever happened:
# it stops only the processes whose pid files the packages wrote, and refuses to start where a
# WebVirt package, /etc/webvirt or a "webvirt" database already exists.
#   sudo deploy/tests/package-test.sh
#   deploy/tests/package-test.sh --build-only DIR
#                                          only builds the packages it installs into DIR (for
#                                          WEBVIRT_PACKAGE_TEST_DEBS; deploy/test.sh does, ahead of the test)
#   WEBVIRT_PACKAGE_TEST_PORT=19190        the console's port; the agent gets the next one
#   WEBVIRT_PACKAGE_TEST_DEBS=DIR          packages built already (build.sh --out DIR, both versions)
#   WEBVIRT_PACKAGE_TEST_LIBVIRT=test      the agent uses libvirt's test driver (test:///default, its
#                                          guest "test") through /etc/webvirt/agent.local.env: for a
#                                          host whose libvirtd was started before D-Bus and may not
#                                          be restarted, so it refuses the agent's user
set -uo pipefail
here=$(cd "$(dirname "$0")" && pwd)
deploy=$(cd "$here/.." && pwd)
repo=$(cd "$deploy/.." && pwd)
# shellcheck source=../lib/host-setup.sh
. "$deploy/lib/host-setup.sh"
version=$(tr -d ' \n' < "$deploy/debian/VERSION")
newer=$version+upgradetest1

# build_amd64 DIR: this version's amd64 packages and those of $newer, the version the test upgrades to.
build_amd64() {
  "$deploy/debian/build.sh" --arch amd64 --out "$1" &&
    "$deploy/debian/build.sh" --arch amd64 --out "$1" --version "$newer" --repack
}

if [ "${1:-}" = --build-only ]; then
  [ -n "${2:-}" ] || { echo "usage: $0 --build-only DIR" >&2; exit 2; }
  build_amd64 "$2" && "$deploy/debian/build.sh" --arch arm64 --out "$2"
  exit
fi
require_root

web_port=${WEBVIRT_PACKAGE_TEST_PORT:-19190}
agent_port=$((web_port + 1))
password="pkg-$(openssl rand -hex 8)"
guest="wvt-debian-pkg-$(openssl rand -hex 3)"
work=$(mktemp -d /tmp/wvt-package-test.XXXXXX)
trap 'rm -rf "$work"' EXIT   # until the full cleanup below takes over
artifacts=${WEBVIRT_ARTIFACTS:-$repo/artifacts}
failures=0
lintian_pid=
arm64_pid=
export DEBIAN_FRONTEND=noninteractive DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1

fail() { printf '\033[1;31m[package-test] FAIL:\033[0m %s\n' "$*"; failures=$((failures + 1)); }
pass() { printf '\033[1;32m[package-test] ok:\033[0m %s\n' "$*"; }
check() { local what=$1; shift; if "$@"; then pass "$what"; else fail "$what"; fi; }
seconds_since() { echo $(( $(date +%s) - $1 )); }

for p in webvirt webvirt-agent; do
  dpkg-query -W -f='${db:Status-Status}' "$p" 2>/dev/null | grep -qv '^not-installed$' && { fail "package $p is already on this host; the test installs its own"; exit 1; }
done
for f in secrets.env web.env agent.env; do
  [ -e "/etc/webvirt/$f" ] && { fail "/etc/webvirt/$f exists (an installed WebVirt?); the test needs a host without one"; exit 1; }
done
# A web run by hand without its own certificate folder leaves /etc/webvirt/certs (root's files the
# console's user could not read): set aside for the test, put back at the end.
had_etc=; [ -d /etc/webvirt ] && had_etc=yes && mv /etc/webvirt "$work/etc-webvirt-before"
start_postgres
su postgres -c "psql -qAtc \"SELECT 1 FROM pg_database WHERE datname = 'webvirt'\"" | grep -q 1 &&
  { fail "a database 'webvirt' exists on this host; the test needs a host without one"; exit 1; }
for port in "$web_port" "$agent_port"; do
  ss -ltnH "sport = :$port" | grep -q . && { fail "port $port is in use"; exit 1; }
done

# What the packages change on the host beyond their own files, to put back at the end.
made_users=()
for u in webvirt webvirt-agent; do id -u "$u" >/dev/null 2>&1 || made_users+=("$u"); done
polkitd_before=$(pgrep -x polkitd | tr '\n' ' ')
dbus_before=; [ -f /run/dbus/pid ] && [ "$(cat "/proc/$(cat /run/dbus/pid)/comm" 2>/dev/null)" = dbus-daemon ] && dbus_before=yes
start_libvirt
virsh_() { virsh -c qemu:///system "$@"; }
had_pool=yes; virsh_ pool-info default >/dev/null 2>&1 || had_pool=
net_before=missing
if virsh_ net-info default >/dev/null 2>&1; then
  net_before=$(virsh_ net-info default | awk '/^Active:/ {a=$2} /^Autostart:/ {s=$2} END {print a "-" s}')
fi
forward_before=$(cat /proc/sys/net/ipv4/ip_forward)

stop_packaged() {
  local unit pid
  for unit in webvirt webvirt-agent; do
    pid=$(cat "/run/webvirt/$unit.pid" 2>/dev/null) || continue
    if [[ $pid =~ ^[0-9]+$ ]] && grep -qa '/usr/lib/webvirt/' "/proc/$pid/cmdline" 2>/dev/null; then
      kill "$pid" 2>/dev/null
      for _ in $(seq 1 50); do [ -d "/proc/$pid" ] || break; sleep 0.2; done
      [ -d "/proc/$pid" ] && kill -KILL "$pid" 2>/dev/null
    fi
  done
}

cleanup() {
  # lintian and the arm64 build, when a failed step ended the test before their results were read:
  # each in its own process group.
  [ -n "$lintian_pid" ] && kill -- "-$lintian_pid" 2>/dev/null
  [ -n "$arm64_pid" ] && kill -- "-$arm64_pid" 2>/dev/null
  if [ "$failures" -gt 0 ]; then
    for f in /var/log/webvirt/*/*.out /var/log/webvirt/*/*.log; do [ -f "$f" ] && { echo "----- $f (last lines)"; tail -n 40 "$f"; }; done
  fi
  # The packages' own removal first; then whatever a failed step left.
  dpkg-query -W webvirt webvirt-agent >/dev/null 2>&1 && apt-get purge -y -qq webvirt webvirt-agent >/dev/null 2>&1
  stop_packaged
  dpkg --purge webvirt webvirt-agent >/dev/null 2>&1
  su postgres -c "dropdb --if-exists --force webvirt" >/dev/null 2>&1
  for role in webvirt webvirt_web webvirt_agent; do
    su postgres -c "psql -qAtc 'DROP ROLE IF EXISTS \"$role\"'" >/dev/null 2>&1
  done
  rm -rf /etc/webvirt /var/lib/webvirt /var/lib/webvirt-agent /var/log/webvirt /run/webvirt /var/lib/libvirt/boot/webvirt
  for u in "${made_users[@]}"; do userdel "$u" >/dev/null 2>&1; done
  [ "$guest" = test ] || virsh_ undefine "$guest" >/dev/null 2>&1
  case $net_before in
    missing) virsh_ net-destroy default >/dev/null 2>&1; virsh_ net-undefine default >/dev/null 2>&1 ;;
    *)
      [ "${net_before%-*}" = no ] && virsh_ net-destroy default >/dev/null 2>&1
      [ "${net_before#*-}" = no ] && virsh_ net-autostart --disable default >/dev/null 2>&1 ;;
  esac
  if [ -z "$had_pool" ]; then
    virsh_ pool-destroy default >/dev/null 2>&1; virsh_ pool-undefine default >/dev/null 2>&1
  fi
  echo "$forward_before" > /proc/sys/net/ipv4/ip_forward 2>/dev/null
  [ -n "$had_etc" ] && mv "$work/etc-webvirt-before" /etc/webvirt
  rm -rf "$work"
  # The system bus this test started (start_libvirt starts one where none runs), by its pid file.
  if [ -z "$dbus_before" ] && [ -f /run/dbus/pid ] && [ "$(cat "/proc/$(cat /run/dbus/pid)/comm" 2>/dev/null)" = dbus-daemon ]; then
    kill "$(cat /run/dbus/pid)" 2>/dev/null
    # polkitd, which that bus started on demand (those running before are someone else's).
    for pid in $(pgrep -x polkitd); do
      case " $polkitd_before " in *" $pid "*) ;; *) kill "$pid" 2>/dev/null ;; esac
    done
  fi
}
trap cleanup EXIT INT TERM

# Runs a command where /usr/share/dotnet is an empty folder: no dotnet on PATH or anywhere. The
# services the maintainer scripts start without systemd stay in that namespace.
without_dotnet() {
  unshare -m --propagation private bash -c '
    [ -d /usr/share/dotnet ] && mount -t tmpfs -o size=1m,mode=0755 tmpfs /usr/share/dotnet
    if command -v dotnet >/dev/null; then echo "dotnet is still there: $(command -v dotnet)" >&2; exit 97; fi
    exec "$@"' bash "$@"
}

started=$(date +%s)
debs=${WEBVIRT_PACKAGE_TEST_DEBS:-$work/debs}
if [ -n "${WEBVIRT_PACKAGE_TEST_DEBS:-}" ]; then
  log "the packages built beforehand, in $debs ($version and $newer for amd64, $version for arm64)"
else
  log "building the packages ($version and $newer for amd64; $version for arm64 beside the install steps)"
  build_amd64 "$debs" > "$work/build.out" 2>&1 || { cat "$work/build.out"; fail "build.sh failed ($version or $newer)"; exit 1; }
fi
[ -n "${WEBVIRT_PACKAGE_TEST_DEBS:-}" ] || log "built in $(seconds_since "$started") s:"
ls -l "$debs"/*_amd64.deb | awk '{printf "    %6.1f MB  %s\n", $5 / 1048576, $NF}'
deb() { echo "$debs/${1}_${2}_${3:-amd64}.deb"; }
for p in webvirt webvirt-agent; do
  check "$p (amd64) is a Debian package for amd64" test "$(dpkg-deb -f "$(deb "$p" "$version")" Architecture)" = amd64
done
check "the amd64 agent is one Native AOT program (no .NET runtime beside it)" bash -c "dpkg-deb -c '$(deb webvirt-agent "$version" amd64)' | grep -q ' ./usr/lib/webvirt/agent/WebVirt.Agent$' && ! dpkg-deb -c '$(deb webvirt-agent "$version" amd64)' | grep -q 'libcoreclr.so'"

# The browser check's program, before the arm64 build starts rewriting the projects' lock files.
[ -f "$repo/tests/WebVirt.PackageCheck/bin/Debug/net10.0/WebVirt.PackageCheck.dll" ] ||
  dotnet build "$repo/tests/WebVirt.PackageCheck" -c Debug --nologo -v quiet > "$work/browser-build.out" 2>&1 || cat "$work/browser-build.out"

# The install steps below mostly wait (apt, services starting, the browser): the arm64 packages (two
# precompiled publishes, about a minute and a half of both cores) and lintian (about a minute of one
# core) are made beside them, each in a process group of its own that the cleanup stops by its pid;
# their results are checked at the end.
log "lintian of the amd64 packages and the arm64 build with its lintian (beside the install steps; checked at the end)"
setsid lintian --tag-display-limit 0 "$debs"/*_"$version"_amd64.deb > "$work/lintian.out" 2>&1 &
lintian_pid=$!
# Its status is the build's (none when the packages were given); lintian's findings are read from its
# output, as for the amd64 ones.
setsid bash -c '[ -n "$5" ] || "$1" --arch arm64 --out "$2" > "$3/build-arm64.out" 2>&1 || exit 1
  lintian --tag-display-limit 0 "$2"/*_"$4"_arm64.deb > "$3/lintian-arm64.out" 2>&1
  exit 0' bash "$deploy/debian/build.sh" "$debs" "$work" "$version" "${WEBVIRT_PACKAGE_TEST_DEBS:-}" &
arm64_pid=$!

log "installing $version with apt (no dotnet anywhere)"
started=$(date +%s)
without_dotnet env WEBVIRT_PORT="$web_port" WEBVIRT_AGENT_PORT="$agent_port" WEBVIRT_ADMIN_PASSWORD="$password" \
  WEBVIRT_RESTART_LIBVIRTD="${WEBVIRT_RESTART_LIBVIRTD:-no}" \
  apt-get install -y -q "$(deb webvirt-agent "$version")" "$(deb webvirt "$version")" > "$work/install.out" 2>&1
status=$?
cat "$work/install.out" | grep '\[webvirt\]'
check "apt install ./webvirt*.deb succeeded (in $(seconds_since "$started") s)" test "$status" = 0
[ "$status" = 0 ] || { tail -n 40 "$work/install.out"; exit 1; }
check "both packages are installed" bash -c "dpkg-query -W -f='\${db:Status-Status}\n' webvirt webvirt-agent | grep -cx installed | grep -qx 2"
check "install printed the console's address" grep -q "WebVirt is running: https://.*:$web_port" "$work/install.out"

for unit in webvirt webvirt-agent; do
  check "systemd-analyze verify $unit.service is clean" bash -c "out=\$(systemd-analyze verify /lib/systemd/system/$unit.service 2>&1); [ -z \"\$out\" ] || { echo \"\$out\"; exit 1; }"
done
check "libvirt's 'default' network is active" bash -c "virsh -c qemu:///system net-info default | grep -qE '^Active:\s+yes'"
check "libvirt's 'default' network starts with libvirtd" bash -c "virsh -c qemu:///system net-info default | grep -qE '^Autostart:\s+yes'"
check "IPv4 forwarding is kept on in /etc/sysctl.d/60-webvirt.conf" grep -qx 'net.ipv4.ip_forward = 1' /etc/sysctl.d/60-webvirt.conf
check "the secrets are root's only" test "$(stat -c '%U:%G %a' /etc/webvirt/secrets.env)" = "root:root 600"

# The services: the packaged programs themselves, as their users, with no capability and no dotnet.
# RUNTIME: "own" for a self-contained .NET program, "none" for a Native AOT one (the amd64 agent).
check_process() { # check_process UNIT USER PROGRAM RUNTIME
  local pid
  pid=$(cat "/run/webvirt/$1.pid" 2>/dev/null)
  if [ -z "$pid" ] || [ ! -d "/proc/$pid" ]; then fail "$1 runs (pid file /run/webvirt/$1.pid)"; return; fi
  check "$1 (pid $pid) runs $3" test "$(readlink "/proc/$pid/exe")" = "$3"
  check "$1 runs as $2" test "$(stat -c %U "/proc/$pid")" = "$2"
  check "$1 holds no capability" grep -q '^CapEff:\s*0000000000000000$' "/proc/$pid/status"
  if [ "$4" = none ]; then
    check "$1 runs without a .NET runtime (Native AOT)" bash -c "! grep -q 'libcoreclr.so\|/usr/share/dotnet' /proc/$pid/maps"
  else
    check "$1 loaded its own .NET runtime, none from /usr/share/dotnet" \
      bash -c "grep -q /usr/lib/webvirt/.*/libcoreclr.so /proc/$pid/maps && ! grep -q /usr/share/dotnet /proc/$pid/maps"
  fi
}
check_process webvirt webvirt /usr/lib/webvirt/web/WebVirt.Web own
check_process webvirt-agent webvirt-agent /usr/lib/webvirt/agent/WebVirt.Agent none
if [ "${WEBVIRT_PACKAGE_TEST_LIBVIRT:-}" = test ]; then
  # The administrator's own settings file, which upgrades keep.
  echo "Agent__LibvirtUri=test:///default" > /etc/webvirt/agent.local.env
  chgrp webvirt-agent /etc/webvirt/agent.local.env && chmod 640 /etc/webvirt/agent.local.env
  without_dotnet /usr/lib/webvirt/webvirt-service restart webvirt-agent
  guest=test
fi
check "the agent is connected to libvirt" bash -c "for i in \$(seq 1 90); do curl -fs http://127.0.0.1:$agent_port/healthz | grep -q '\"libvirt\":true' && exit 0; sleep 1; done; exit 1"
check "the console made its self-signed certificate" test -s /etc/webvirt/certs/0-self-signed.crt
check "the agent's console hand-off socket is there for the web" test -S /run/webvirt/agent/console.sock

# Logs: the services' output (the journal under systemd; here webvirt-service's .out files), and
# daily files only when the administrator asks for them in web.local.env.
if have_systemd; then
  check "journalctl -u webvirt shows the console's log" bash -c "journalctl -u webvirt --no-pager | grep -q 'SHA-256 fingerprint'"
else
  check "the console's log is its output (/var/log/webvirt/web/webvirt.out)" grep -q 'SHA-256 fingerprint' /var/log/webvirt/web/webvirt.out
  check "the agent's log is its output (/var/log/webvirt/agent/webvirt-agent.out)" grep -q 'Now listening on' /var/log/webvirt/agent/webvirt-agent.out
fi
check "no log file is written unless configured" bash -c "! ls /var/log/webvirt/*/*.log 2>/dev/null | grep -q ."
echo "WebVirt__LogDirectory=/var/log/webvirt/web" > /etc/webvirt/web.local.env
chgrp webvirt /etc/webvirt/web.local.env && chmod 640 /etc/webvirt/web.local.env
without_dotnet /usr/lib/webvirt/webvirt-service restart webvirt
check "the console comes back after a restart" bash -c "for i in \$(seq 1 120); do curl -fsk -o /dev/null --max-time 2 https://127.0.0.1:$web_port/login && exit 0; sleep 1; done; exit 1"
check "with WebVirt__LogDirectory set, the console writes its daily log file there (0640)" \
  bash -c "f=\$(ls /var/log/webvirt/web/webvirt-web-*.log 2>/dev/null | head -1); [ -n \"\$f\" ] && [ \"\$(stat -c '%U %a' \"\$f\")\" = 'webvirt 640' ]"

# A guest for the notes: defined only, never started.
[ "$guest" = test ] || virsh_ define /dev/stdin > /dev/null <<XML
<domain type='qemu'><name>$guest</name><memory unit='MiB'>32</memory><os><type arch='x86_64'>hvm</type></os></domain>
XML
browser() { dotnet "$repo/tests/WebVirt.PackageCheck/bin/Debug/net10.0/WebVirt.PackageCheck.dll" "$1" "https://127.0.0.1:$web_port" "$password" "$guest" "$artifacts/screenshots"; }
check "admin logs in through Chromium, adds a user and notes on a guest" browser seed

cp -a /etc/webvirt/secrets.env /etc/webvirt/certs/0-self-signed.crt "$work/"
log "upgrading to $newer"
started=$(date +%s)
without_dotnet env WEBVIRT_RESTART_LIBVIRTD="${WEBVIRT_RESTART_LIBVIRTD:-no}" \
  apt-get install -y -q "$(deb webvirt-agent "$newer")" "$(deb webvirt "$newer")" > "$work/upgrade.out" 2>&1
status=$?
check "the upgrade succeeded (in $(seconds_since "$started") s)" test "$status" = 0
[ "$status" = 0 ] || tail -n 40 "$work/upgrade.out"
check "the upgrade installed $newer" test "$(dpkg-query -W -f='${Version}' webvirt)" = "$newer"
check "the upgrade kept the secrets" cmp -s /etc/webvirt/secrets.env "$work/secrets.env"
check "the upgrade kept the certificate" cmp -s /etc/webvirt/certs/0-self-signed.crt "$work/0-self-signed.crt"
check "the upgrade kept the ports" grep -q "WebVirt is running: https://.*:$web_port" "$work/upgrade.out"
check "after the upgrade the user and the guest's notes are there" browser verify

log "removing (data kept)"
apt-get remove -y -q webvirt webvirt-agent > "$work/remove.out" 2>&1
check "apt remove succeeded" test $? = 0
check "after remove no WebVirt process runs" bash -c "! pgrep -f '^/usr/lib/webvirt/' >/dev/null"
check "after remove the configuration and secrets are kept" test -s /etc/webvirt/secrets.env
check "after remove the certificate is kept" test -s /etc/webvirt/certs/0-self-signed.crt
check "after remove the database is kept" bash -c "su postgres -c \"psql -qAt -d webvirt -c 'SELECT count(*) FROM \\\"AspNetUsers\\\"'\" | grep -qx 2"

log "purging"
apt-get purge -y -q webvirt webvirt-agent > "$work/purge.out" 2>&1
check "apt purge succeeded without a question" test $? = 0
check "after purge /etc/webvirt, /var/lib/webvirt* and /var/log/webvirt are gone" \
  bash -c "! ls -d /etc/webvirt /var/lib/webvirt /var/lib/webvirt-agent /var/log/webvirt /usr/lib/webvirt 2>/dev/null | grep -q ."
check "after purge the database is gone" bash -c "! su postgres -c \"psql -qAtc \\\"SELECT 1 FROM pg_database WHERE datname = 'webvirt'\\\"\" | grep -q 1"
check "after purge the roles are gone" bash -c "! su postgres -c \"psql -qAtc \\\"SELECT 1 FROM pg_roles WHERE rolname IN ('webvirt', 'webvirt_web', 'webvirt_agent')\\\"\" | grep -q 1"
check "after purge the sysctl file is gone" test ! -e /etc/sysctl.d/60-webvirt.conf

log "installing the agent alone, as on another hypervisor host"
without_dotnet env WEBVIRT_RESTART_LIBVIRTD="${WEBVIRT_RESTART_LIBVIRTD:-no}" \
  apt-get install -y -q "$(deb webvirt-agent "$version")" > "$work/agent-alone.out" 2>&1
status=$?
check "apt install ./webvirt-agent*.deb alone succeeded" test "$status" = 0
[ "$status" = 0 ] || tail -n 30 "$work/agent-alone.out"
check "the agent alone made its token, root's only" bash -c "grep -q '^AGENT_TOKEN=' /etc/webvirt/secrets.env && test \"\$(stat -c '%U %a' /etc/webvirt/secrets.env)\" = 'root 600'"
check "the agent alone keeps only the token's hash" bash -c "grep -q '^Agent__TokenSha256=[0-9a-f]\{64\}$' /etc/webvirt/agent.env && ! grep -q AGENT_TOKEN /etc/webvirt/agent.env"
check "the agent alone runs without a database" /usr/lib/webvirt/webvirt-service status webvirt-agent
check "the agent alone holds no database credentials" bash -c "! grep -qs ConnectionStrings /etc/webvirt/agent.env /etc/webvirt/agent.local.env"
webvirt-agent-enrol --valid-minutes 30 > "$work/enrol.out" 2>&1 || true
check "webvirt-agent-enrol prints a code and the certificate fingerprint" \
  bash -c "grep -Eq 'Enrolment code: +[0-9A-Z]{4}-[0-9A-Z]{4}-[0-9A-Z]{4}' '$work/enrol.out' && grep -Eq 'Certificate SHA-256: +([0-9A-F]{2}:){31}[0-9A-F]{2}' '$work/enrol.out'"
[ -s "$work/enrol.out" ] && sed 's/^/  enrol: /' "$work/enrol.out"
check "the code and certificate are the agent's alone" \
  bash -c "test \"\$(stat -c '%U %a' /var/lib/webvirt-agent/enrolment-code.json /var/lib/webvirt-agent/agent.key | sort -u)\" = 'webvirt-agent 600'"
apt-get purge -y -q webvirt-agent > "$work/agent-purge.out" 2>&1
check "purging the agent alone leaves nothing" bash -c "! ls -d /etc/webvirt /var/lib/webvirt-agent /var/log/webvirt /usr/lib/webvirt 2>/dev/null | grep -q ."

log "the arm64 packages"
wait "$arm64_pid"
status=$?
arm64_pid=
[ "$status" = 0 ] || cat "$work/build-arm64.out" 2>/dev/null
for p in webvirt webvirt-agent; do
  check "$p (arm64) is a Debian package for arm64" test "$(dpkg-deb -f "$(deb "$p" "$version" arm64)" Architecture 2>/dev/null)" = arm64
done
check "the arm64 agent is an arm64 program" bash -c "dpkg-deb --fsys-tarfile '$(deb webvirt-agent "$version" arm64)' 2>/dev/null | tar -xO ./usr/lib/webvirt/agent/WebVirt.Agent 2>/dev/null | head -c 20 | od -An -tx1 | tr -d ' \n' | grep -q '^7f454c46020101.*b700'"
check "the arm64 packages were built" test "$status" = 0

log "lintian"
wait "$lintian_pid"
lintian_pid=
cat "$work/lintian.out" "$work/lintian-arm64.out" 2>/dev/null | sed -n '/^[EWI]: /p'
check "lintian finds no error" bash -c "! cat '$work/lintian.out' '$work/lintian-arm64.out' 2>/dev/null | grep -q '^E: '"

if [ "$failures" -gt 0 ]; then
  printf '\033[1;31m[package-test] %d check(s) failed\033[0m\n' "$failures"
  exit 1
fi
log "package test passed"
