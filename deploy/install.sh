#!/usr/bin/env bash
# Sets up this Debian/Ubuntu host as a WebVirt hypervisor and starts the console on port 9090.
# Safe to run again: it keeps existing secrets, data and users.
#   sudo ./deploy/install.sh                     # admin password generated and printed once
#   sudo WEBVIRT_ADMIN_PASSWORD=... ./deploy/install.sh
# The web runs as system user "webvirt", the agent as "webvirt-agent" (groups libvirt and kvm);
# neither runs as root nor holds a capability. Optional:
#   WEBVIRT_INSTANCE=name   another installation beside the default one (paths, database, roles and
#                           unit names use the name instead of "webvirt"; the tests use this)
#   WEBVIRT_AGENT_PORT=9091 the agent's loopback port
#   WEBVIRT_URLS=...        the console's addresses instead of its default (ASPNETCORE_URLS)
#   WEBVIRT_RESTART_LIBVIRTD=no   never restart libvirtd, even when it must learn of the system bus
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
repo=$(cd "$here/.." && pwd)
# shellcheck source=lib/host-setup.sh
. "$here/lib/host-setup.sh"
# shellcheck source=lib/install-steps.sh
. "$here/lib/install-steps.sh"

name=${WEBVIRT_INSTANCE:-webvirt}
[[ $name =~ ^[a-z][a-z0-9_]{0,30}$ ]] || die "WEBVIRT_INSTANCE must be lower-case letters, digits and '_' (got '$name')"
conf=/etc/$name
prefix=${WEBVIRT_PREFIX:-/opt/$name}
logs=/var/log/$name
state=/var/lib/$name
agent_home=/var/lib/$name-agent
run=/run/$name
boot=/var/lib/libvirt/boot/$name
db=$name owner_role=$name web_role=${name}_web agent_role=${name}_agent
web_user=webvirt agent_user=webvirt-agent
agent_port=${WEBVIRT_AGENT_PORT:-9091}

require_root
install_packages "${WEBVIRT_PACKAGES[@]}"
check_dotnet
report_kvm
start_libvirt
ensure_default_pool
start_postgres
ensure_service_users "$web_user" "$agent_user"
install_pam_service "$here"
prepare_directories

# Secrets: generated once, kept on every later run. Only root reads this file; each process gets
# only its own part (web.env, agent.env below).
umask 077
touch "$conf/secrets.env"
add_secret DB_PASSWORD 24          # the owner role's (migrations, install only)
add_secret AGENT_TOKEN 32
add_secret WEB_DB_PASSWORD 24
chown root:root "$conf/secrets.env"
chmod 600 "$conf/secrets.env"
# shellcheck disable=SC1091
. "$conf/secrets.env"
umask 022
token_hash=$(printf '%s' "$AGENT_TOKEN" | sha256sum | cut -d' ' -f1)

# The owner role owns the schema and runs the migrations; the web's role only uses its tables.
# Neither is a superuser or may create databases or roles. The agent has no database role: the
# console keeps what agents report (an agent role of an earlier install is dropped by the grants).
ensure_pg_role "$owner_role" "$DB_PASSWORD"
ensure_pg_role "$web_role" "$WEB_DB_PASSWORD"
ensure_pg_database "$db" "$owner_role"
pg="Host=127.0.0.1;Port=5432;Database=$db"

write_env_file "$conf/web.env" "$web_user" <<ENV
ConnectionStrings__WebVirt="$pg;Username=$web_role;Password=$WEB_DB_PASSWORD"
WebVirt__Agents__0__HostId=$(hostname)
WebVirt__Agents__0__Name=$(hostname)
WebVirt__Agents__0__Url=http://127.0.0.1:$agent_port
WebVirt__Agents__0__Token="$AGENT_TOKEN"
WebVirt__Agents__0__ConsoleSocket=$run/agent/console.sock
WebVirt__LogDirectory=$logs/web
WebVirt__Tls__CertificateDirectory=$conf/certs
WebVirt__DataProtection__KeyDirectory=$conf/dataprotection
HOME=$state
${WEBVIRT_URLS:+ASPNETCORE_URLS=$WEBVIRT_URLS}
ENV
write_env_file "$conf/agent.env" "$agent_user" <<ENV
Agent__TokenSha256=$token_hash
Agent__LibvirtUri=qemu:///system
Agent__LogDirectory=$logs/agent
Agent__BootDirectory=$boot
Agent__ConsoleHandoffSocket=$run/agent/console.sock
ASPNETCORE_URLS=http://127.0.0.1:$agent_port
HOME=$agent_home
ENV

log "building WebVirt (Release) into $prefix"
stop_service "$name-web"
stop_service "$name-agent"
# Without the analyzers and code-style rules: they only report (source generators still run), and the
# checked build (dotnet build -warnaserror, deploy/test.sh) is where they belong; here they would
# only make the install's compile slower.
dotnet publish "$repo/src/WebVirt.Agent" -c Release -p:RunAnalyzers=false -o "$prefix/agent" --nologo -v quiet
dotnet publish "$repo/src/WebVirt.Web" -c Release -p:RunAnalyzers=false -o "$prefix/web" --nologo -v quiet
chown -R root:root "$prefix"
chmod -R go-w "$prefix"

log "bringing the database schema up to date (as role $owner_role)"
migrate "$prefix/web" WebVirt.Web.dll
su postgres -c "psql -qAt -d '$db' -v owner='$owner_role' -v web_role='$web_role' -v agent_role='$agent_role' -f -" \
  < "$here/sql/grants.sql" >/dev/null || die "granting the database roles failed"
prepare_first_admin

start_service "$name-agent" "$agent_user" "$conf/agent.env" "$prefix/agent" WebVirt.Agent.dll "$logs/agent"
start_service "$name-web" "$web_user" "$conf/web.env" "$prefix/web" WebVirt.Web.dll "$logs/web"

url=$(wait_for_console) || die "the console did not come up; see $logs/web/"
rm -f "$conf/first-admin.env"
check_agent_libvirt

log "WebVirt is running: $url"
if [ -n "${first_admin_password:-}" ]; then
  if [ -n "${WEBVIRT_ADMIN_PASSWORD:-}" ]; then
    log "log in as 'admin' with the password you set in WEBVIRT_ADMIN_PASSWORD"
  else
    log "log in as 'admin' with password: $first_admin_password   (shown once; change it under Users)"
  fi
else
  log "log in with your existing accounts (the admin user was made at the first install)"
fi
