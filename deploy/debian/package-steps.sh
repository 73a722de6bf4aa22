# shellcheck shell=bash
# The Debian packages' paths and the steps their maintainer scripts share. Sourced after
# host-setup.sh and install-steps.sh (installed in /usr/share/webvirt/lib), whose functions read
# these variables.
# shellcheck disable=SC2034 # the variables are read by install-steps.sh
name=webvirt conf=/etc/webvirt prefix=/usr/lib/webvirt logs=/var/log/webvirt state=/var/lib/webvirt
agent_home=/var/lib/webvirt-agent run=/run/webvirt boot=/var/lib/libvirt/boot/webvirt
db=webvirt owner_role=webvirt web_role=webvirt_web agent_role=webvirt_agent
web_user=webvirt agent_user=webvirt-agent web_unit=webvirt agent_unit=webvirt-agent
pg="Host=127.0.0.1;Port=5432;Database=$db"
service=/usr/lib/webvirt/webvirt-service

# kept_setting KEY FILE: the value KEY had in FILE (an earlier configure), or nothing.
kept_setting() { [ -r "$2" ] || return 0; sed -n "s/^$1=//p" "$2" | tail -n 1; }

# The ports: WEBVIRT_PORT / WEBVIRT_AGENT_PORT when given to apt, else what an earlier configure
# chose, else 9090 and 9091.
choose_ports() {
  local kept
  kept=$(kept_setting WebVirt__Port "$conf/web.env")
  web_port=${WEBVIRT_PORT:-${kept:-9090}}
  kept=$(kept_setting ASPNETCORE_URLS "$conf/agent.env")
  kept=${kept##*:}
  agent_port=${WEBVIRT_AGENT_PORT:-${kept:-9091}}
  [[ $web_port =~ ^[0-9]+$ && $agent_port =~ ^[0-9]+$ ]] || die "WEBVIRT_PORT and WEBVIRT_AGENT_PORT must be port numbers"
}

# package_status PKG: dpkg's state of PKG (installed, unpacked, half-configured, not-installed...).
package_status() { dpkg-query -W -f='${db:Status-Status}' "$1" 2>/dev/null || echo not-installed; }

# libvirt's "default" NAT network, which guests use unless told otherwise: defined from libvirt's
# own template when missing, started when inactive, and autostarted.
ensure_default_network() {
  local virsh=(virsh -c qemu:///system) template=/usr/share/libvirt/networks/default.xml
  if ! "${virsh[@]}" net-info default >/dev/null 2>&1; then
    [ -r "$template" ] || { warn "libvirt's network template $template is missing: no 'default' network made"; return 0; }
    "${virsh[@]}" net-define "$template" >/dev/null || { warn "could not define libvirt's 'default' network"; return 0; }
    log "defined libvirt's 'default' NAT network"
  fi
  "${virsh[@]}" net-autostart default >/dev/null 2>&1 || warn "could not mark the 'default' network to start with libvirtd"
  if ! "${virsh[@]}" net-info default 2>/dev/null | grep -qE '^Active:\s+yes'; then
    if "${virsh[@]}" net-start default >/dev/null 2>&1; then
      log "started libvirt's 'default' NAT network"
    else
      warn "libvirt's 'default' network did not start (see 'virsh net-start default'); guests on it have no network until it does"
    fi
  fi
}

# NAT networks need IPv4 forwarding: /etc/sysctl.d/60-webvirt.conf (this package's) keeps it on
# across reboots; here it is applied now.
apply_forwarding() {
  if sysctl -q -p /etc/sysctl.d/60-webvirt.conf >/dev/null 2>&1; then
    log "IPv4 forwarding is on (/etc/sysctl.d/60-webvirt.conf)"
  elif [ "$(cat /proc/sys/net/ipv4/ip_forward 2>/dev/null)" = 1 ]; then
    log "IPv4 forwarding is on"
  else
    warn "IPv4 forwarding could not be switched on here (a container?); guests on NAT networks reach no other network until net.ipv4.ip_forward=1"
  fi
}

prepare_agent_directories() {
  [ -d "$conf" ] || install -d -m 0750 -o root -g root "$conf"
  install -d -m 0755 -o root -g root "$run" "$logs"
  install -d -m 0750 -o "$agent_user" -g "$agent_user" "$logs/agent" "$agent_home"
  install -d -m 0755 -o root -g root /var/lib/libvirt/boot
  install -d -m 0711 -o "$agent_user" -g "$agent_user" "$boot"
}

# secrets.env: generated once, kept on every later configure; only root reads it.
load_secrets() {
  (umask 077; touch "$conf/secrets.env")
  local pair
  for pair in "$@"; do add_secret "${pair%:*}" "${pair#*:}"; done
  chown root:root "$conf/secrets.env"
  chmod 600 "$conf/secrets.env"
  # shellcheck disable=SC1091
  . "$conf/secrets.env"
}

# The agent's own settings. It has no database: the console keeps what agents report.
write_agent_env() {
  local token_hash
  token_hash=$(printf '%s' "$AGENT_TOKEN" | sha256sum | cut -d' ' -f1)
  write_env_file "$conf/agent.env" "$agent_user" <<ENV
Agent__TokenSha256=$token_hash
Agent__LibvirtUri=qemu:///system
# The log goes to the journal (journalctl -u webvirt-agent). For daily files as well, put
# Agent__LogDirectory=$logs/agent in $conf/agent.local.env and restart webvirt-agent.
Agent__BootDirectory=$boot
# The web of this machine collects guests' VNC connections here and relays them itself.
Agent__ConsoleHandoffSocket=$run/agent/console.sock
ASPNETCORE_URLS=http://127.0.0.1:$agent_port
HOME=$agent_home
ENV
}

# Applies the console's migrations (both schemas) as the owner role, then the grants, which also
# drop the agent role of earlier versions.
migrate_database() {
  log "bringing the database schema up to date (as role $owner_role)"
  migrate "$prefix/web" WebVirt.Web.dll
  su postgres -c "psql -qAt -d '$db' -v owner='$owner_role' -v web_role='$web_role' -v agent_role='$agent_role' -f -" \
    < /usr/share/webvirt/sql/grants.sql >/dev/null || die "granting the database roles failed"
}
