#!/usr/bin/env bash
# Runs deploy/install.sh as a separate instance ("wvt_install": its own folders, database, roles
# and agent port, so a real installation on this host is not touched) and checks what it left
# running: the web and agent processes are not root and hold no capability, secrets and logs are
# not readable by other users, the database roles are neither superusers nor may create databases,
# the audit log is append-only for the web's role, no secret is in a log, and the admin logs in
# (HTTPS when the console serves it, else HTTP). A second install keeps the secrets and the
# password. Everything the test made is removed at the end, whatever happened.
#   sudo deploy/tests/install-test.sh
#   WEBVIRT_INSTALL_TEST_LIBVIRT=optional   do not require the agent to reach libvirt (a host whose
#                                           libvirtd may not be restarted and started before D-Bus)
set -uo pipefail
here=$(cd "$(dirname "$0")" && pwd)
deploy=$(cd "$here/.." && pwd)
# shellcheck source=../lib/host-setup.sh
. "$deploy/lib/host-setup.sh"
require_root

export WEBVIRT_INSTANCE=wvt_install
export WEBVIRT_AGENT_PORT=${WEBVIRT_INSTALL_TEST_AGENT_PORT:-19091}
export WEBVIRT_PREFIX=/opt/wvt_install
export WEBVIRT_ADMIN_PASSWORD
WEBVIRT_ADMIN_PASSWORD="test-$(openssl rand -hex 8)"
name=$WEBVIRT_INSTANCE conf=/etc/$WEBVIRT_INSTANCE logs=/var/log/$WEBVIRT_INSTANCE run=/run/$WEBVIRT_INSTANCE
work=$(mktemp -d /tmp/wvt-install-test.XXXXXX)
failures=0
made_users=()
for u in webvirt webvirt-agent; do id -u "$u" >/dev/null 2>&1 || made_users+=("$u"); done
# install.sh makes libvirt's "default" pool when there is none; the test takes it away again.
had_default_pool=yes
virsh -c qemu:///system pool-info default >/dev/null 2>&1 || had_default_pool=

fail() { printf '\033[1;31m[install-test] FAIL:\033[0m %s\n' "$*"; failures=$((failures + 1)); }
pass() { printf '\033[1;32m[install-test] ok:\033[0m %s\n' "$*"; }
check() { local what=$1; shift; if "$@"; then pass "$what"; else fail "$what"; fi; }

cleanup() {
  local pid
  if [ "$failures" -gt 0 ] && [ -d "$logs" ]; then
    for f in "$logs"/*/*.out "$logs"/*/*.log; do
      [ -f "$f" ] && { echo "----- $f (last lines)"; tail -n 40 "$f"; }
    done
  fi
  for unit in "$name-web" "$name-agent"; do
    if [ -f "$run/$unit.pid" ]; then
      pid=$(cat "$run/$unit.pid")
      if grep -qa 'WebVirt\.\(Web\|Agent\)\.dll' "/proc/$pid/cmdline" 2>/dev/null; then
        kill "$pid" 2>/dev/null
        for _ in $(seq 1 50); do [ -d "/proc/$pid" ] || break; sleep 0.2; done
        [ -d "/proc/$pid" ] && kill -KILL "$pid" 2>/dev/null
      fi
    fi
  done
  su postgres -c "dropdb --if-exists --force $name" >/dev/null 2>&1
  for role in "$name" "${name}_web" "${name}_agent"; do
    su postgres -c "psql -qAtc 'DROP ROLE IF EXISTS \"$role\"'" >/dev/null 2>&1
  done
  rm -rf "$conf" "$logs" "/var/lib/$name" "/var/lib/$name-agent" "$WEBVIRT_PREFIX" "$run" "/var/lib/libvirt/boot/$name" "$work"
  for u in "${made_users[@]}"; do userdel "$u" >/dev/null 2>&1; done
  if [ -z "$had_default_pool" ]; then
    virsh -c qemu:///system pool-destroy default >/dev/null 2>&1
    virsh -c qemu:///system pool-undefine default >/dev/null 2>&1
  fi
}
trap cleanup EXIT INT TERM

if ss -ltnH 'sport = :9090' | grep -q .; then
  fail "port 9090 is in use on this host (an installed WebVirt?); the test needs it free"
  exit 1
fi

log "installing instance $name (a few minutes: it publishes the web and the agent)"
"$deploy/install.sh" > "$work/install1.out" 2>&1 || { cat "$work/install1.out"; fail "install.sh failed"; exit 1; }
cat "$work/install1.out"

pid_of() { cat "$run/$1.pid" 2>/dev/null; }
status_field() { awk -v f="$2:" '$1 == f { $1 = ""; print substr($0, 2) }' "/proc/$1/status"; }
mode_of() { stat -c '%a' "$1"; }
owner_of() { stat -c '%U:%G' "$1"; }

web=$(pid_of "$name-web") agent=$(pid_of "$name-agent")
for p in "web:$web:webvirt" "agent:$agent:webvirt-agent"; do
  IFS=: read -r what pid user <<< "$p"
  if [ -z "$pid" ] || [ ! -r "/proc/$pid/status" ]; then fail "the $what process is running (pid file $run/$name-$what.pid)"; continue; fi
  uids=$(status_field "$pid" Uid) gids=$(status_field "$pid" Gid)
  check "the $what process (pid $pid) has no uid 0: Uid $uids" bash -c "! echo '$uids' | tr -s '\t ' '\n' | grep -qx 0"
  check "the $what process has no gid 0: Gid $gids" bash -c "! echo '$gids' | tr -s '\t ' '\n' | grep -qx 0"
  check "the $what process runs as $user" test "$(echo "$uids" | awk '{print $1}')" = "$(id -u "$user")"
  check "the $what process holds no capability" test "$(status_field "$pid" CapEff)" = 0000000000000000
  check "the $what process may gain no privilege (NoNewPrivs)" test "$(status_field "$pid" NoNewPrivs)" = 1
done
if [ -n "$agent" ] && [ -r "/proc/$agent/status" ]; then
  groups=" $(status_field "$agent" Groups) "
  check "the agent is in group libvirt" grep -q " $(getent group libvirt | cut -d: -f3) " <<< "$groups"
  check "the agent is in group kvm" grep -q " $(getent group kvm | cut -d: -f3) " <<< "$groups"
fi
check "webvirt has no login shell" bash -c "getent passwd webvirt | cut -d: -f7 | grep -q nologin"
check "the PAM service for host accounts is installed (/etc/pam.d/webvirt, 644)" test "$(mode_of /etc/pam.d/webvirt)" = "644"
check "webvirt is in group shadow, so pam_unix can check host passwords" bash -c "id -nG webvirt | tr ' ' '\\n' | grep -qx shadow"

# Files at rest.
check "$conf is root:webvirt 750" test "$(owner_of "$conf") $(mode_of "$conf")" = "root:webvirt 750"
check "secrets.env is root's only (600)" test "$(owner_of "$conf/secrets.env") $(mode_of "$conf/secrets.env")" = "root:root 600"
check "web.env is root:webvirt 640" test "$(owner_of "$conf/web.env") $(mode_of "$conf/web.env")" = "root:webvirt 640"
check "agent.env is root:webvirt-agent 640" test "$(owner_of "$conf/agent.env") $(mode_of "$conf/agent.env")" = "root:webvirt-agent 640"
check "the certificate folder is webvirt's only (700)" test "$(owner_of "$conf/certs") $(mode_of "$conf/certs")" = "webvirt:webvirt 700"
check "the data protection certificate exists, webvirt's only (600)" \
  test "$(owner_of "$conf/dataprotection/dataprotection.pfx" 2>/dev/null) $(mode_of "$conf/dataprotection/dataprotection.pfx" 2>/dev/null)" = "webvirt:webvirt 600"
check "the first admin's password file is gone" test ! -e "$conf/first-admin.env"
check "nothing in $conf is readable by other users" test -z "$(find "$conf" -perm /o=rwx -print -quit)"
check "the web's log folder is 750" test "$(owner_of "$logs/web") $(mode_of "$logs/web")" = "webvirt:webvirt 750"
check "the agent's log folder is 750" test "$(owner_of "$logs/agent") $(mode_of "$logs/agent")" = "webvirt-agent:webvirt-agent 750"
check "the web wrote a log file" test -n "$(find "$logs/web" -name 'webvirt-web-*.log' -print -quit)"
check "the agent wrote a log file" test -n "$(find "$logs/agent" -name 'agent-*.log' -print -quit)"
check "no log file is readable by other users" test -z "$(find "$logs" -type f -perm /o=rwx -print -quit)"
check "no log file is writable by its group" test -z "$(find "$logs" -type f -perm /g=w -print -quit)"

# Database roles.
psql_su() { su postgres -c "psql -qAt -d $name -c \"$1\""; }
for role in "$name" "${name}_web"; do
  check "role $role is not a superuser and may not create databases or roles" \
    test "$(psql_su "SELECT rolsuper OR rolcreatedb OR rolcreaterole FROM pg_roles WHERE rolname = '$role'")" = f
done
check "the agent has no database role" test "$(psql_su "SELECT count(*) FROM pg_roles WHERE rolname = '${name}_agent'")" = 0
check "agent.env holds no database credentials" bash -c "! grep -q ConnectionStrings '$conf/agent.env'"
# shellcheck disable=SC1090,SC1091
. <(grep WEB_DB_PASSWORD "$conf/secrets.env")
as_web() { PGPASSWORD=$WEB_DB_PASSWORD psql -qAt -h 127.0.0.1 -U "${name}_web" -d "$name" -v ON_ERROR_STOP=1 -c "$1" >/dev/null 2>&1; }
refused() { ! as_web "$1"; }
check "the web's role may add to the audit log" as_web "INSERT INTO audit_entries (\"At\", \"UserName\", \"Action\", \"Result\") VALUES (now(), 'install-test', 'test', 'ok')"
check "the web's role may read the audit log" as_web "SELECT count(*) FROM audit_entries"
check "the web's role may not change the audit log" refused 'UPDATE audit_entries SET "Detail" = 1'
check "the web's role may not delete from the audit log" refused 'DELETE FROM audit_entries'
check "the web's role may not truncate the audit log" refused 'TRUNCATE audit_entries'
check "the web's role may read what agents report" as_web 'SELECT 1 FROM agent."Guests"'
check "the web's role may not create tables" refused 'CREATE TABLE wvt_x (i int)'

# Logging in, as a browser would: HTTPS first, plain HTTP when this build does not serve TLS.
login() {
  local base=$1 jar=$work/cookies page status cookie
  rm -f "$jar"
  page=$(curl -fsk -c "$jar" -b "$jar" "$base/login") || return 1
  local args=()
  while IFS=$'\t' read -r field value; do
    args+=(--data-urlencode "$field=$value")
  done < <(grep -o '<input type="hidden" name="[^"]*" value="[^"]*"' <<< "$page" | sed -E 's/.*name="([^"]*)" value="([^"]*)"/\1\t\2/')
  args+=(--data-urlencode "Input.UserName=admin" --data-urlencode "Input.Password=$WEBVIRT_ADMIN_PASSWORD")
  status=$(curl -sk -o /dev/null -D "$work/login.headers" -w '%{http_code}' -b "$jar" "${args[@]}" "$base/login") || return 1
  # The cookies the login set, sent back as a browser would (curl's jar keeps no Secure cookie on http).
  cookie=$(grep -i '^set-cookie: ' "$work/login.headers" | cut -d' ' -f2- | cut -d';' -f1 | paste -sd';' -)
  [ "$status" = 302 ] && [ -n "$cookie" ] &&
    test "$(curl -sk -o /dev/null -w '%{http_code}' -H "Cookie: $cookie" "$base/")" = 200
}
base=
for candidate in https://127.0.0.1:9090 http://127.0.0.1:9090; do
  curl -fsk -o /dev/null --max-time 5 "$candidate/login" && { base=$candidate; break; }
done
check "the console answers on port 9090 (${base:-nothing})" test -n "$base"
[ -n "$base" ] && check "admin logs in over ${base%%:*}" login "$base"
check "install printed where the console runs" grep -q "WebVirt is running: http" "$work/install1.out"

if [ "${WEBVIRT_INSTALL_TEST_LIBVIRT:-required}" != optional ]; then
  check "the agent, as webvirt-agent, is connected to libvirt" \
    bash -c "curl -fs http://127.0.0.1:$WEBVIRT_AGENT_PORT/healthz | grep -q '\"libvirt\":true'"
fi
# The web takes guests' VNC connections from the agent here and relays them alone.
check "the agent's console hand-off socket is there for the web" bash -c "for i in \$(seq 1 30); do [ -S '$run/agent/console.sock' ] && exit 0; sleep 1; done; exit 1"

# No secret in any log: the generated ones and the admin's password.
secrets=$(grep -h -o '=.*' "$conf/secrets.env" | cut -c2-; echo "$WEBVIRT_ADMIN_PASSWORD")
leaked=$(grep -rlF -f <(printf '%s\n' "$secrets") "$logs" 2>/dev/null)
check "no secret appears in a log file${leaked:+ (found in $leaked)}" test -z "$leaked"

# Again: same secrets, same data, same password.
cp "$conf/secrets.env" "$work/secrets.before"
log "installing again"
WEBVIRT_ADMIN_PASSWORD= "$deploy/install.sh" > "$work/install2.out" 2>&1 || { cat "$work/install2.out"; fail "the second install.sh failed"; }
check "a second install keeps the secrets" cmp -s "$conf/secrets.env" "$work/secrets.before"
check "a second install runs new processes (old ones stopped by pid)" test "$(pid_of "$name-web")" != "$web"
check "the old web process is gone" test ! -d "/proc/$web"
[ -n "$base" ] && check "admin still logs in with the same password" login "$base"

if [ "$failures" -gt 0 ]; then
  printf '\033[1;31m[install-test] %d check(s) failed\033[0m\n' "$failures"
  exit 1
fi
log "install test passed"
