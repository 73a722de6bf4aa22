#!/usr/bin/env bash
# Sets up this Debian/Ubuntu host as a WebVirt hypervisor and starts the console on
# http://127.0.0.1:9090. Safe to run again: it keeps existing secrets, data and users.
#   sudo ./deploy/install.sh                     # admin password generated and printed once
#   sudo WEBVIRT_ADMIN_PASSWORD=... ./deploy/install.sh
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
repo=$(cd "$here/.." && pwd)
# shellcheck source=lib/host-setup.sh
. "$here/lib/host-setup.sh"

require_root
install_packages "${WEBVIRT_PACKAGES[@]}"
check_dotnet
report_kvm
start_libvirt
ensure_default_pool
start_postgres

conf=/etc/webvirt
prefix=${WEBVIRT_PREFIX:-/opt/webvirt}
logs=/var/log/webvirt
mkdir -p "$conf" "$prefix" "$logs" /var/lib/webvirt
chmod 700 "$conf"

if [ ! -f "$conf/secrets.env" ]; then
  umask 077
  {
    echo "DB_PASSWORD=$(openssl rand -hex 24)"
    echo "AGENT_TOKEN=$(openssl rand -hex 32)"
  } > "$conf/secrets.env"
fi
# shellcheck disable=SC1091
. "$conf/secrets.env"
token_hash=$(printf '%s' "$AGENT_TOKEN" | sha256sum | cut -d' ' -f1)

ensure_pg_role webvirt "$DB_PASSWORD"
ensure_pg_database webvirt webvirt
db="Host=127.0.0.1;Port=5432;Database=webvirt;Username=webvirt;Password=$DB_PASSWORD"

# Values are quoted: systemd's EnvironmentFile and a shell's "." both read them that way, and the
# connection string's ';' would otherwise end the value in a shell.
umask 077
cat > "$conf/agent.env" <<ENV
ConnectionStrings__WebVirt="$db"
Agent__TokenSha256=$token_hash
Agent__LibvirtUri=qemu:///system
Agent__LogDirectory=$logs
ASPNETCORE_URLS=http://127.0.0.1:9091
ENV
cat > "$conf/web.env" <<ENV
ConnectionStrings__WebVirt="$db"
WebVirt__Agents__0__HostId=$(hostname)
WebVirt__Agents__0__Name=$(hostname)
WebVirt__Agents__0__Url=http://127.0.0.1:9091
WebVirt__Agents__0__Token="$AGENT_TOKEN"
WebVirt__LogDirectory=$logs
ASPNETCORE_URLS=${WEBVIRT_URLS:-http://127.0.0.1:9090}
ENV
if [ -n "${WEBVIRT_ADMIN_PASSWORD:-}" ]; then
  case $WEBVIRT_ADMIN_PASSWORD in *"'"*) die "WEBVIRT_ADMIN_PASSWORD may not contain a single quote (') character";; esac
  printf "WEBVIRT_ADMIN_PASSWORD='%s'\n" "$WEBVIRT_ADMIN_PASSWORD" >> "$conf/web.env"
fi
umask 022

log "building WebVirt (Release) into $prefix"
dotnet publish "$repo/src/WebVirt.Agent" -c Release -o "$prefix/agent" --nologo -v quiet
dotnet publish "$repo/src/WebVirt.Web" -c Release -o "$prefix/web" --nologo -v quiet

start_service() {
  local name=$1 dir=$2 dll=$3
  if have_systemd; then
    sed -e "s#@PREFIX@#$prefix#g" -e "s#@CONF@#$conf#g" "$here/systemd/$name.service" > "/etc/systemd/system/$name.service"
    systemctl daemon-reload
    systemctl enable "$name" >/dev/null 2>&1
    systemctl restart "$name"
  else
    mkdir -p /run/webvirt
    if [ -f "/run/webvirt/$name.pid" ]; then kill "$(cat "/run/webvirt/$name.pid")" 2>/dev/null || true; sleep 1; fi
    (
      set -a; . "$conf/${name#webvirt-}.env"; set +a
      cd "$dir"
      nohup dotnet "$dll" >> "$logs/$name.out" 2>&1 &
      echo $! > "/run/webvirt/$name.pid"
    )
  fi
}

: > "$logs/webvirt-web.out.new" && mv "$logs/webvirt-web.out.new" "$logs/webvirt-web.out"
start_service webvirt-agent "$prefix/agent" WebVirt.Agent.dll
start_service webvirt-web "$prefix/web" WebVirt.Web.dll

url=${WEBVIRT_URLS:-http://127.0.0.1:9090}
for _ in $(seq 1 120); do
  curl -fsk -o /dev/null "$url/login" && break
  sleep 0.5
done
curl -fsk -o /dev/null "$url/login" || die "the console did not come up; see $logs/"

log "WebVirt is running: $url"
if [ -n "${WEBVIRT_ADMIN_PASSWORD:-}" ]; then
  log "log in as 'admin' with the password you set in WEBVIRT_ADMIN_PASSWORD"
else
  generated=$(grep -ho 'Generated password for admin: .*' "$logs"/webvirt-web.out "$logs"/web-*.log 2>/dev/null | tail -1 | sed 's/.*: //' || true)
  if [ -n "$generated" ]; then
    log "log in as 'admin' with password: $generated   (shown once; change it under Users)"
  else
    log "log in as 'admin' with the password printed at its first start (or reset it: see README)"
  fi
fi
