# shellcheck shell=bash
# The steps of install.sh that set up users, files and processes. They read install.sh's variables
# (name, conf, prefix, logs, state, agent_home, run, boot, db, *_role, *_user, pg, DB_PASSWORD).

std_path=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin

# ensure_service_users WEB AGENT: system users without a login shell; the agent's groups let it
# use qemu:///system (polkit's rule for group libvirt) and see /dev/kvm.
ensure_service_users() {
  ensure_agent_user "$2"
  ensure_web_user "$1"
}

ensure_agent_user() {
  local agent=$1 nologin
  nologin=$(command -v nologin || echo /usr/sbin/nologin)
  getent group libvirt >/dev/null || die "group 'libvirt' is missing (package libvirt-daemon-system)"
  getent group kvm >/dev/null || groupadd -r kvm
  id -u "$agent" >/dev/null 2>&1 ||
    useradd --system --user-group --home-dir /var/lib/webvirt-agent --no-create-home --shell "$nologin" --comment "WebVirt host agent" "$agent"
  usermod -a -G libvirt,kvm "$agent"
}

ensure_web_user() {
  local web=$1 nologin
  nologin=$(command -v nologin || echo /usr/sbin/nologin)
  id -u "$web" >/dev/null 2>&1 ||
    useradd --system --user-group --home-dir /var/lib/webvirt --no-create-home --shell "$nologin" --comment "WebVirt web console" "$web"
  # Host account login (PAM): pam_unix checks a password from a process that is not root only
  # when it can read /etc/shadow, which group "shadow" may (read only, no other privilege).
  if getent group shadow >/dev/null && ! id -nG "$web" | tr ' ' '\n' | grep -qx shadow; then
    usermod -a -G shadow "$web"
  fi
}

# install_pam_service DEPLOY: the PAM service "webvirt" that host account logins use; an
# administrator's own edits of /etc/pam.d/webvirt are kept.
install_pam_service() {
  [ -e /etc/pam.d/webvirt ] || install -m 0644 "$1/pam/webvirt" /etc/pam.d/webvirt
}

# Owners and modes are set on every run, so an older installation's looser ones are corrected.
prepare_directories() {
  install -d -m 0750 -o root -g "$web_user" "$conf"
  # The certificate and the key that encrypts the data protection keys: the web's user only.
  install -d -m 0700 -o "$web_user" -g "$web_user" "$conf/certs" "$conf/dataprotection"
  install -d -m 0755 -o root -g root "$prefix" "$run" "$logs"
  # The agent hands guests' VNC connections to the web on a socket here (other users may reach it: the token admits).
  install -d -m 0755 -o "$agent_user" -g "$agent_user" "$run/agent"
  install -d -m 0750 -o "$web_user" -g "$web_user" "$logs/web" "$state"
  install -d -m 0750 -o "$agent_user" -g "$agent_user" "$logs/agent" "$agent_home"
  # Kernels the agent downloads for network installs; QEMU (another user) must reach them.
  install -d -m 0755 -o root -g root /var/lib/libvirt/boot
  install -d -m 0711 -o "$agent_user" -g "$agent_user" "$boot"
  find "$logs" -type f -exec chmod o-rwx {} + 2>/dev/null || true
}

# add_secret NAME BYTES: appends a random hex secret to secrets.env unless it is there already.
add_secret() {
  grep -q "^$1=" "$conf/secrets.env" || echo "$1=$(openssl rand -hex "$2")" >> "$conf/secrets.env"
}

# write_env_file PATH GROUP < lines: readable by root and GROUP only. Values are quoted where
# needed: systemd's EnvironmentFile and a shell's "." both read them that way.
write_env_file() {
  local path=$1 group=$2
  (umask 077; grep -v '^$' > "$path.new")
  chown root:"$group" "$path.new"
  chmod 640 "$path.new"
  mv "$path.new" "$path"
}

# A pid file's process, but only while it still is the WebVirt program it was (pids are reused).
live_pid() {
  local pidfile=$1 pid
  [ -f "$pidfile" ] || return 1
  pid=$(cat "$pidfile")
  # WebVirt.Web.dll run by dotnet, or the packages' self-contained WebVirt.Web program.
  [[ $pid =~ ^[0-9]+$ ]] && grep -qa 'WebVirt\.\(Web\|Agent\)' "/proc/$pid/cmdline" 2>/dev/null || return 1
  echo "$pid"
}

stop_service() {
  local unit=$1 pid
  if have_systemd; then
    systemctl stop "$unit" 2>/dev/null || true
    return 0
  fi
  pid=$(live_pid "$run/$unit.pid") || { rm -f "$run/$unit.pid"; return 0; }
  kill "$pid" 2>/dev/null || true
  for _ in $(seq 1 50); do [ -d "/proc/$pid" ] || break; sleep 0.2; done
  [ -d "/proc/$pid" ] && kill -KILL "$pid" 2>/dev/null
  rm -f "$run/$unit.pid"
}

# migrate DIR DLL: applies the schema migrations as the owner role, then returns. Its log goes to a
# scratch folder, so no root-owned file lands among the service's logs. A self-contained build (the
# Debian packages) runs its own program, so no dotnet is needed there.
migrate() {
  local dir=$1 dll=$2 scratch program
  scratch=$(mktemp -d)
  if [ -e "$dir/libcoreclr.so" ]; then program=("./${dll%.dll}"); else program=("$(command -v dotnet)" "$dll"); fi
  if ! (cd "$dir" && env -i PATH="$std_path" HOME="$scratch" DOTNET_CLI_TELEMETRY_OPTOUT=1 \
      ConnectionStrings__WebVirt="$pg;Username=$owner_role;Password=$DB_PASSWORD" \
      WebVirt__LogDirectory="$scratch" Agent__LogDirectory="$scratch" \
      "${program[@]}" --migrate) > "$scratch/migrate.out" 2>&1; then
    cat "$scratch/migrate.out" >&2
    rm -rf "$scratch"
    die "the migrations of $dll failed"
  fi
  rm -rf "$scratch"
}

# On an empty database the web makes the admin user at its first start, with the password from
# first-admin.env (removed once the console is up): no password ever goes into a log file.
prepare_first_admin() {
  local users
  users=$(su postgres -c "psql -qAt -d '$db' -c 'SELECT count(*) FROM \"AspNetUsers\"'") || die "cannot read the users table"
  first_admin_password=
  rm -f "$conf/first-admin.env"
  if [ "$users" != 0 ]; then
    [ -n "${WEBVIRT_ADMIN_PASSWORD:-}" ] && warn "WEBVIRT_ADMIN_PASSWORD is ignored: the admin user exists already"
    return 0
  fi
  first_admin_password=${WEBVIRT_ADMIN_PASSWORD:-$(openssl rand -base64 30 | tr -dc 'A-HJ-NP-Za-km-z2-9' | head -c 20)}
  case $first_admin_password in *"'"*) die "WEBVIRT_ADMIN_PASSWORD may not contain a single quote (') character";; esac
  printf "WEBVIRT_ADMIN_PASSWORD='%s'\n" "$first_admin_password" | write_env_file "$conf/first-admin.env" "$web_user"
}

# start_service UNIT USER ENVFILE DIR DLL LOGDIR
start_service() {
  local unit=$1 user=$2 envfile=$3 dir=$4 dll=$5 logdir=$6 template dotnet
  dotnet=$(command -v dotnet)
  if have_systemd; then
    template=$here/systemd/webvirt-${unit##*-}.service
    sed -e "s#@PREFIX@#$prefix#g" -e "s#@CONF@#$conf#g" -e "s#@LOGS@#$logs#g" -e "s#@STATE@#$state#g" \
        -e "s#@AGENT_HOME@#$agent_home#g" -e "s#@BOOT@#$boot#g" -e "s#@NAME@#$name#g" -e "s#@DOTNET@#$dotnet#g" \
        "$template" > "/etc/systemd/system/$unit.service"
    systemctl daemon-reload
    systemctl enable "$unit" >/dev/null 2>&1
    systemctl restart "$unit"
    return 0
  fi
  local files=("$envfile") out=$logdir/$unit.out
  [ "${unit##*-}" = web ] && [ -f "$conf/first-admin.env" ] && files+=("$conf/first-admin.env")
  install -m 0640 -o "$user" -g "$user" /dev/null "$out"
  # A clean environment with only the service's file(s); setpriv drops to the user, its groups, no
  # capabilities and no way to gain any; umask 027 keeps new files from other users.
  (
    cd "$dir"
    nohup env -i PATH="$std_path" LANG=C.UTF-8 WEBVIRT_RUN_AS="$user" WEBVIRT_DOTNET="$dotnet" WEBVIRT_DLL="$dll" bash -c '
      set -a; for f in "$@"; do . "$f"; done; set +a
      umask 027
      exec setpriv --reuid="$WEBVIRT_RUN_AS" --regid="$WEBVIRT_RUN_AS" --init-groups --no-new-privs \
        --inh-caps=-all --bounding-set=-all -- "$WEBVIRT_DOTNET" "$WEBVIRT_DLL"' bash "${files[@]}" >> "$out" 2>&1 < /dev/null &
    echo $! > "$run/$unit.pid"
  )
}

# Prints the console's address once it answers: HTTPS when it serves it, else plain HTTP.
wait_for_console() {
  local probes=() shown
  if [ -n "${WEBVIRT_URLS:-}" ]; then
    probes=("$(echo "${WEBVIRT_URLS%%;*}" | sed -E 's#//(\*|\+|0\.0\.0\.0|\[::\])#//127.0.0.1#')")
  else
    probes=("https://127.0.0.1:${web_port:-9090}" "http://127.0.0.1:${web_port:-9090}")
  fi
  for _ in $(seq 1 240); do
    for probe in "${probes[@]}"; do
      if curl -fsk -o /dev/null --max-time 2 "$probe/login"; then
        shown=$probe
        if [[ $probe == https://127.0.0.1:* ]]; then
          shown="https://$(hostname -f 2>/dev/null || hostname):${probe##*:}"
        fi
        echo "$shown"
        return 0
      fi
    done
    if ! have_systemd && ! live_pid "$run/${web_unit:-$name-web}.pid" >/dev/null; then
      tail -n 30 "$logs/web/${web_unit:-$name-web}.out" >&2 || true
      return 1
    fi
    sleep 0.5
  done
  return 1
}

agent_sees_libvirt() {
  local i
  for i in $(seq 1 "${1:-40}"); do
    curl -fs --max-time 2 "http://127.0.0.1:$agent_port/healthz" 2>/dev/null | grep -q '"libvirt":true' && return 0
    sleep 0.5
  done
  return 1
}

# The agent reaches libvirt as its own user through polkit. Without systemd, a libvirtd that was
# started before the system bus never asks polkit and refuses it: it is restarted once (running
# guests are not affected), unless WEBVIRT_RESTART_LIBVIRTD=no.
check_agent_libvirt() {
  agent_sees_libvirt && { log "the agent (user $agent_user) is connected to libvirt"; return 0; }
  if ! have_systemd && [ "${WEBVIRT_RESTART_LIBVIRTD:-yes}" != no ] && [ -f /run/libvirtd.pid ]; then
    log "restarting libvirtd so that it asks polkit about the agent's user"
    kill "$(cat /run/libvirtd.pid)" 2>/dev/null || true
    for _ in $(seq 1 50); do pgrep -x libvirtd >/dev/null || break; sleep 0.2; done
    env -u WEBVIRT_TEST_RUN_ID libvirtd -d  # the host's daemon, not one a test run may stop
    agent_sees_libvirt 60 && { log "the agent (user $agent_user) is connected to libvirt"; return 0; }
  fi
  warn "the agent cannot reach libvirt as user $agent_user yet; check 'sudo -u $agent_user virsh -c qemu:///system uri'${WEBVIRT_RESTART_LIBVIRTD:+ and restart libvirtd}"
  return 0
}
