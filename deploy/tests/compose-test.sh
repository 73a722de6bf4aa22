#!/usr/bin/env bash
# docker-compose.yml for real, on a host where no container registry is reachable: starts a Docker
# daemon of its own, makes the base images from Debian's mirror (debootstrap; the .NET SDK image is
# that base plus this host's SDK, PostgreSQL is Debian's package), builds and starts the stack
# (web + PostgreSQL in containers) beside an agent on the host, logs in through Debian's Chromium
# at https://127.0.0.1:9090 and opens the host's guest through the host agent, then
# "compose down -v". Everything it made goes at the end, whatever happened: the stack, its images,
# volumes and networks, the agent and the daemon (stopped by their pids) and the daemon's data.
#   sudo deploy/tests/compose-test.sh
#   WEBVIRT_COMPOSE_TEST_PORT=9090        the console's port; the agent gets 19291, the database 19293
#   WEBVIRT_COMPOSE_TEST_ROOTFS=DIR       a debootstrapped Debian 12 to use instead of making one
#   WEBVIRT_COMPOSE_TEST_AGENT=DIR        the agent built already (WebVirt.Agent.dll) instead of publishing it
set -uo pipefail
here=$(cd "$(dirname "$0")" && pwd)
deploy=$(cd "$here/.." && pwd)
repo=$(cd "$deploy/.." && pwd)
# shellcheck source=../lib/host-setup.sh
. "$deploy/lib/host-setup.sh"
require_root
std_path=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin
# Debian's docker client, of the daemon's own version, before any other on PATH.
export PATH=/usr/sbin:/usr/bin:$PATH

name="wvt-compose-$(openssl rand -hex 3)"
web_port=${WEBVIRT_COMPOSE_TEST_PORT:-9090}
agent_port=${WEBVIRT_COMPOSE_TEST_AGENT_PORT:-19291}
db_port=${WEBVIRT_COMPOSE_TEST_DB_PORT:-19293}
work=$(mktemp -d "/var/tmp/$name.XXXXXX")
run=/run/$name
artifacts=${WEBVIRT_ARTIFACTS:-$repo/artifacts}
failures=0 dockerd_pid='' agent_pid='' stack_up=''
export DEBIAN_FRONTEND=noninteractive DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1

fail() { printf '\033[1;31m[compose-test] FAIL:\033[0m %s\n' "$*"; failures=$((failures + 1)); }
pass() { printf '\033[1;32m[compose-test] ok:\033[0m %s\n' "$*"; }
check() { local what=$1; shift; if "$@"; then pass "$what"; else fail "$what"; fi; }
seconds_since() { echo $(( $(date +%s) - $1 )); }
wait_for() { local tries=$1; shift; for _ in $(seq 1 "$tries"); do "$@" && return 0; sleep 1; done; return 1; }

install_packages docker.io docker-compose debootstrap || die "installing Docker, docker-compose and debootstrap failed"
for port in "$web_port" "$agent_port" "$db_port"; do
  ss -ltnH "sport = :$port" | grep -q . && die "port $port is in use"
done

export DOCKER_HOST=unix://$run/docker.sock
docker_() { docker "$@"; }
if docker compose version >/dev/null 2>&1; then compose_cmd=(docker compose); else compose_cmd=(docker-compose); fi
export POSTGRES_PASSWORD AGENT_TOKEN WEBVIRT_ADMIN_PASSWORD
POSTGRES_PASSWORD=$(openssl rand -hex 24) AGENT_TOKEN=$(openssl rand -hex 32) WEBVIRT_ADMIN_PASSWORD="compose-$(openssl rand -hex 8)"
export WEBVIRT_PORT=$web_port WEBVIRT_DB_PORT=$db_port WEBVIRT_AGENT_PORT=$agent_port WEBVIRT_HOST_ID
# The agent's own default host id (README, "Run it with Docker").
WEBVIRT_HOST_ID=$(hostname)
export WEBVIRT_POSTGRES_IMAGE=$name-postgres:test WVT_COMPOSE_WEB_IMAGE=$name-web:test
export WVT_COMPOSE_SDK_IMAGE=$name-sdk:test WVT_COMPOSE_RUNTIME_IMAGE=$name-base:test
compose() { "${compose_cmd[@]}" -p "$name" -f "$repo/docker-compose.yml" -f "$here/compose/docker-compose.test.yml" "$@"; }
guest=$name-guest
virsh_() { virsh -c qemu:///system "$@"; }

# The daemon's own mounts (image layers, containers' network namespaces), so its folders can go.
unmount_below() { grep -o " $1[^ ]*" /proc/mounts | sort -r | while read -r m; do umount -l "$m" 2>/dev/null; done; }

cleanup() {
  [ -n "$agent_pid" ] && kill "$agent_pid" 2>/dev/null
  virsh_ undefine "$guest" >/dev/null 2>&1
  if [ -n "$dockerd_pid" ] && [ -d "/proc/$dockerd_pid" ]; then
    if [ -n "$stack_up" ]; then
      [ "$failures" -gt 0 ] && compose logs --no-color --tail 60 2>/dev/null
      compose down -v --rmi all >/dev/null 2>&1
    fi
    # Whatever a failed step left in this daemon: all of it is this test's.
    docker_ ps -aq | xargs -r docker rm -f >/dev/null 2>&1
    kill "$dockerd_pid" 2>/dev/null
    for _ in $(seq 1 60); do [ -d "/proc/$dockerd_pid" ] || break; sleep 0.5; done
    [ -d "/proc/$dockerd_pid" ] && kill -KILL "$dockerd_pid" 2>/dev/null
  fi
  unmount_below "$work"; unmount_below "$run"
  rm -rf "$work" "$run"
}
trap cleanup EXIT INT TERM

log "starting a Docker daemon of its own (data in $work/docker)"
mkdir -p "$run"
# No bridge, NAT or iptables rules of its own: the host's firewall (libvirt's) stays as it is. The
# stack's network is compose's own bridge; builds use the host's network.
dockerd --data-root "$work/docker" --exec-root "$run/exec" --pidfile "$run/dockerd.pid" -H "$DOCKER_HOST" \
  --bridge=none --iptables=false --ip-masq=false > "$work/dockerd.out" 2>&1 &
dockerd_pid=$!
wait_for 60 docker_ info >/dev/null 2>&1 || { tail -n 30 "$work/dockerd.out"; fail "the Docker daemon did not start"; exit 1; }
pass "dockerd $(docker_ version -f '{{.Server.Version}}') runs (storage driver $(docker_ info -f '{{.Driver}}'))"

log "making the base images from Debian's mirror"
started=$(date +%s)
rootfs=${WEBVIRT_COMPOSE_TEST_ROOTFS:-$work/rootfs}
if [ -z "${WEBVIRT_COMPOSE_TEST_ROOTFS:-}" ]; then
  debootstrap --variant=minbase --include=ca-certificates,libicu72,libssl3,tzdata bookworm "$rootfs" \
    http://deb.debian.org/debian > "$work/debootstrap.out" 2>&1 || { tail -n 20 "$work/debootstrap.out"; fail "debootstrap failed"; exit 1; }
fi
# The authorities this host trusts beyond Debian's (a TLS-inspecting proxy's), for NuGet and apt.
cas=$work/cas
mkdir -p "$cas"
cp /usr/local/share/ca-certificates/*.crt "$cas/" 2>/dev/null
tar -C "$rootfs" -c . | docker_ import -c 'ENV PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin' - "$name-debootstrap:test" >/dev/null ||
  { fail "docker import of the base failed"; exit 1; }
docker_ build -q -t "$WVT_COMPOSE_RUNTIME_IMAGE" -f - "$cas" > /dev/null <<DOCKERFILE || { fail "the base image did not build"; exit 1; }
FROM $name-debootstrap:test
COPY . /usr/local/share/ca-certificates/
RUN update-ca-certificates >/dev/null
DOCKERFILE
# The SDK image: the base plus this host's .NET SDK, as the Dockerfile's build stage expects it.
dotnet_root=$(dirname "$(readlink -f "$(command -v dotnet)")")
docker_ build -q -t "$WVT_COMPOSE_SDK_IMAGE" -f - "$dotnet_root" > /dev/null <<DOCKERFILE || { fail "the SDK image did not build"; exit 1; }
FROM $WVT_COMPOSE_RUNTIME_IMAGE
COPY . /usr/share/dotnet/
ENV PATH=/usr/share/dotnet:/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1 NODE_EXTRA_CA_CERTS=/etc/ssl/certs/ca-certificates.crt ${NUGET_CERT_REVOCATION_MODE:+NUGET_CERT_REVOCATION_MODE=$NUGET_CERT_REVOCATION_MODE}
DOCKERFILE
docker_ build -q --network host --build-arg BASE_IMAGE="$WVT_COMPOSE_RUNTIME_IMAGE" -t "$WEBVIRT_POSTGRES_IMAGE" \
  -f "$here/compose/postgres.Dockerfile" "$here/compose" > "$work/postgres-build.out" 2>&1 ||
  { tail -n 20 "$work/postgres-build.out"; fail "the PostgreSQL image did not build"; exit 1; }
pass "base, SDK and PostgreSQL images made in $(seconds_since "$started") s"

log "building the web's image (compose build)"
started=$(date +%s)
compose build web > "$work/compose-build.out" 2>&1
status=$?
check "compose build succeeded (in $(seconds_since "$started") s)" test "$status" = 0
[ "$status" = 0 ] || { tail -n 40 "$work/compose-build.out"; exit 1; }

log "the host's agent, as the host runs it (beside libvirtd, not in a container)"
started=$(date +%s)
agent_dir=${WEBVIRT_COMPOSE_TEST_AGENT:-$work/agent}
if [ -z "${WEBVIRT_COMPOSE_TEST_AGENT:-}" ]; then
  dotnet publish "$repo/src/WebVirt.Agent" -c Release -o "$agent_dir" --nologo -v quiet > "$work/agent-build.out" 2>&1 ||
    { tail -n 30 "$work/agent-build.out"; fail "the agent did not build"; exit 1; }
  pass "agent published in $(seconds_since "$started") s"
fi

log "compose up"
started=$(date +%s)
stack_up=yes
compose up -d > "$work/compose-up.out" 2>&1
status=$?
check "compose up -d succeeded (in $(seconds_since "$started") s)" test "$status" = 0
[ "$status" = 0 ] || { cat "$work/compose-up.out"; exit 1; }
check "PostgreSQL answers on 127.0.0.1:$db_port" wait_for 60 bash -c "PGPASSWORD='$POSTGRES_PASSWORD' psql -h 127.0.0.1 -p $db_port -U webvirt -d webvirt -qAtc 'SELECT 1' >/dev/null 2>&1"

mkdir -p "$work/agent-home" "$work/boot"
(
  cd "$agent_dir" && exec env -i PATH="$std_path" HOME="$work/agent-home" LANG=C.UTF-8 DOTNET_CLI_TELEMETRY_OPTOUT=1 \
    Agent__StateDirectory="$work/agent-state" \
    Agent__TokenSha256="$(printf '%s' "$AGENT_TOKEN" | sha256sum | cut -d' ' -f1)" Agent__LibvirtUri=qemu:///system \
    Agent__BootDirectory="$work/boot" ASPNETCORE_URLS="http://127.0.0.1:$agent_port" \
    "$(command -v dotnet)" WebVirt.Agent.dll
) > "$work/agent.out" 2>&1 &
agent_pid=$!
check "the host's agent is connected to libvirt" wait_for 90 bash -c "curl -fs http://127.0.0.1:$agent_port/healthz | grep -q '\"libvirt\":true'"
# A guest of the host's libvirt for the console to show: defined only, never started.
virsh_ define /dev/stdin > /dev/null <<XML
<domain type='qemu'><name>$guest</name><memory unit='MiB'>32</memory><os><type arch='x86_64'>hvm</type></os></domain>
XML

check "the console answers on https://127.0.0.1:$web_port (self-signed)" \
  wait_for 180 curl -fsk -o /dev/null --max-time 3 "https://127.0.0.1:$web_port/login"
browser() { dotnet "$repo/tests/WebVirt.PackageCheck/bin/Debug/net10.0/WebVirt.PackageCheck.dll" "$1" "https://127.0.0.1:$web_port" "$WEBVIRT_ADMIN_PASSWORD" "$guest" "$artifacts/screenshots/compose"; }
[ -f "$repo/tests/WebVirt.PackageCheck/bin/Debug/net10.0/WebVirt.PackageCheck.dll" ] ||
  dotnet build "$repo/tests/WebVirt.PackageCheck" -c Debug --nologo -v quiet > "$work/browser-build.out" 2>&1 || cat "$work/browser-build.out"
check "admin logs in through Chromium, adds a user and notes on the host's guest $guest" browser seed
logs_to_output() { local out; out=$(compose logs --no-color web 2>&1) && grep -q 'SHA-256 fingerprint' <<< "$out"; }
check "the console's log is the container's output (docker logs)" logs_to_output
no_log_file() {
  # find's own status counts the folders the web's user may not read; "searched" says it ran.
  local found
  found=$(compose exec -T web sh -c "find / \\( -path /proc -o -path /sys \\) -prune -o -name 'webvirt-web-*.log' -print 2>/dev/null; echo searched") &&
    [ "$found" = searched ]
}
check "the console writes no log file when none is configured" no_log_file

log "images:"
docker_ image ls --format '{{.Repository}}:{{.Tag}} {{.Size}}' | grep "^$name" | sed 's/^/    /'

log "compose down -v"
compose down -v --rmi all > "$work/compose-down.out" 2>&1
check "compose down -v succeeded" test $? = 0
stack_up=
check "no container is left" bash -c "[ -z \"\$(docker ps -aq)\" ]"
check "no volume is left" bash -c "[ -z \"\$(docker volume ls -q)\" ]"
check "no network of the stack is left" bash -c "! docker network ls --format '{{.Name}}' | grep -q '^$name'"
check "the stack's images are gone" bash -c "! docker image inspect '$WVT_COMPOSE_WEB_IMAGE' >/dev/null 2>&1 && ! docker image inspect '$WEBVIRT_POSTGRES_IMAGE' >/dev/null 2>&1"
docker_ rmi "$WVT_COMPOSE_SDK_IMAGE" "$WVT_COMPOSE_RUNTIME_IMAGE" "$name-debootstrap:test" >/dev/null 2>&1
docker_ image prune -f >/dev/null 2>&1
check "no image is left" bash -c "[ -z \"\$(docker images -aq)\" ]"

if [ "$failures" -gt 0 ]; then
  printf '\033[1;31m[compose-test] %d check(s) failed\033[0m\n' "$failures"
  exit 1
fi
log "compose test passed"
