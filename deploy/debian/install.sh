#!/usr/bin/env bash
# Sets up this Debian 12 host as a WebVirt hypervisor from this source tree: builds the packages
# webvirt and webvirt-agent for this machine's architecture and installs them with apt, which
# brings libvirt, QEMU, PostgreSQL and the rest from Debian. Only the build needs the .NET 10 SDK
# (and npm); the installed programs carry their own runtime. Safe to run again: an upgrade keeps
# the data, users, certificates and secrets.
#   sudo ./deploy/debian/install.sh
#   sudo WEBVIRT_ADMIN_PASSWORD=... WEBVIRT_PORT=9090 ./deploy/debian/install.sh
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
# shellcheck source=../lib/host-setup.sh
. "$here/../lib/host-setup.sh"

require_root
check_dotnet
install_packages ca-certificates
# Node.js from its own packages brings npm and conflicts with Debian's npm package.
command -v npm >/dev/null || install_packages npm
arch=$(dpkg --print-architecture)
# The amd64 agent is a Native AOT program: its build links with clang against zlib.
[ "$arch" != amd64 ] || install_packages clang zlib1g-dev
version=$(tr -d ' \n' < "$here/VERSION")
out=$(mktemp -d /tmp/webvirt-debs.XXXXXX)
trap 'rm -rf "$out"' EXIT
chmod 755 "$out"   # apt reads the files as its own user

log "building the packages for $arch (a few minutes)"
"$here/build.sh" --arch "$arch" --out "$out" >/dev/null
log "installing them with apt"
export DEBIAN_FRONTEND=noninteractive
apt-get update -qq
apt-get install -y --no-install-recommends "$out/webvirt-agent_${version}_$arch.deb" "$out/webvirt_${version}_$arch.deb"
