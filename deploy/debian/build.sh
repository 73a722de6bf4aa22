#!/usr/bin/env bash
# Builds the Debian packages webvirt (the web console) and webvirt-agent (the host agent) from this
# source tree, for amd64 and arm64 (arm64 is cross-compiled); the host needs no .NET. The web is a
# self-contained ReadyToRun program; the amd64 agent is one Native AOT program (no runtime, no JIT:
# about half the memory, docs/development.md "Native AOT agent"), the arm64 agent ReadyToRun, as AOT
# would need an arm64 linker and sysroot. Needs the .NET 10 SDK, npm (for the browser libraries) and,
# for amd64, clang and zlib1g-dev (the AOT linker); not root.
#   deploy/debian/build.sh                      # both architectures into artifacts/debian
#   deploy/debian/build.sh --arch amd64 --out DIR
#   deploy/debian/build.sh --version 0.1.0+1 --repack   # the last build's programs, another version
# The version comes from deploy/debian/VERSION unless --version is given.
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
repo=$(cd "$here/../.." && pwd)
out=$repo/artifacts/debian
version=$(tr -d ' \n' < "$here/VERSION")
arches=(amd64 arm64)
repack=
while [ $# -gt 0 ]; do
  case $1 in
    --arch) arches=("$2"); shift 2 ;;
    --out) out=$2; shift 2 ;;
    --version) version=$2; shift 2 ;;
    --repack) repack=yes; shift ;;
    *) echo "unknown option $1" >&2; exit 2 ;;
  esac
done
[[ $version =~ ^[0-9][A-Za-z0-9.+~]*$ ]] || { echo "not a Debian version: $version" >&2; exit 2; }
export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1 MSBUILDDISABLENODEREUSE=1 DOTNET_CLI_USE_MSBUILD_SERVER=0
mkdir -p "$out"

# Publishing for a runtime rewrites the projects' lock files with that runtime's graph; the
# repository's lock files (the portable graph CI restores against) are put back afterwards.
locks=$(mktemp -d)
(cd "$repo" && find src -name packages.lock.json -print0 | tar --null -T - -cf "$locks/locks.tar")
trap 'tar -C "$repo" -xf "$locks/locks.tar"; rm -rf "$locks"' EXIT

# publish PROJECT RID DIR: self-contained, precompiled (ReadyToRun), no debug symbols. The lock files
# hold the portable graph only; a runtime's packs (arm64 too) are added here, so this restore cannot be
# in locked mode even when CI=true asks for it. The analyzers and code-style rules only report (source
# generators still run) and every change passes them in the checked build (deploy/test.sh); here they
# would cost about a fifth of the publish's CPU time.
publish() {
  rm -rf "$3"
  dotnet publish "$repo/src/$1" -c Release -r "$2" --self-contained -p:PublishReadyToRun=true -p:RestoreLockedMode=false \
    -p:DebugType=none -p:Version="${version%%[+~]*}" -p:InformationalVersion="$version" -p:RunAnalyzers=false \
    -o "$3" --nologo -v quiet
}

# publish_aot PROJECT RID DIR: one Native AOT program. Warnings are errors, so a trim or AOT warning
# of the program or of a library it uses fails the build (as deploy/aot/publish-agent.sh does); the
# symbols the AOT compiler splits off are not shipped.
publish_aot() {
  rm -rf "$3"
  dotnet publish "$repo/src/$1" -c Release -r "$2" -p:PublishAot=true -p:RestoreLockedMode=false \
    -p:DebugType=none -p:Version="${version%%[+~]*}" -p:InformationalVersion="$version" -p:RunAnalyzers=false \
    -warnaserror -o "$3" --nologo -v quiet
  rm -f "$3"/*.dbg
}

# program_modes DIR PROGRAM: files 0644, only the program and the runtime's createdump (not in a
# Native AOT program's folder) executable; libraries are loaded, not run.
program_modes() {
  find "$1" -type d -exec chmod 0755 {} +
  find "$1" -type f -exec chmod 0644 {} +
  chmod 0755 "$1/$2"
  [ ! -e "$1/createdump" ] || chmod 0755 "$1/createdump"
}

# doc_files PKGROOT PACKAGE: copyright, changelog and README.Debian, as Debian policy wants them.
doc_files() {
  local doc=$1/usr/share/doc/$2
  install -d "$doc"
  install -m 0644 "$here/copyright" "$doc/copyright"
  install -m 0644 "$here/README.Debian.$2" "$doc/README.Debian"
  printf '%s (%s) stable; urgency=medium\n\n  * Built from the WebVirt source tree (see the project'"'"'s history).\n\n -- %s  %s\n' \
    "$2" "$version" "$maintainer" "$(date -R -d "@${SOURCE_DATE_EPOCH:-$(git -C "$repo" log -1 --format=%ct 2>/dev/null || date +%s)}")" \
    | gzip -9n > "$doc/changelog.gz"
  chmod 0644 "$doc/changelog.gz"
}

# lintian_overrides PKGROOT PACKAGE DIR PROGRAM: .NET's own native zlib (zlib-ng) is part of the
# runtime that the self-contained program carries (linked into a Native AOT program itself); it is not
# a copy of Debian's zlib1g that could be shared.
lintian_overrides() {
  local zlib=usr/lib/webvirt/$3/libSystem.IO.Compression.Native.so
  [ -e "$1/$zlib" ] || zlib=usr/lib/webvirt/$3/$4
  install -d "$1/usr/share/lintian/overrides"
  printf '# the .NET runtime (zlib-ng), part of the self-contained program\n%s: embedded-library zlib [%s]\n' \
    "$2" "$zlib" > "$1/usr/share/lintian/overrides/$2"
  # SkiaSharp's native library (screenshots) is built upstream with its own freetype and libjpeg and
  # ships as NuGet gives it; stripping an arm64 library needs that architecture's binutils.
  local skia=usr/lib/webvirt/$3/libSkiaSharp.so
  if [ -e "$1/$skia" ]; then
    printf '# SkiaSharp, as its NuGet package ships it\n%s: embedded-library freetype [%s]\n%s: embedded-library libjpeg [%s]\n%s: unstripped-binary-or-object [%s]\n' \
      "$2" "$skia" "$2" "$skia" "$2" "$skia" >> "$1/usr/share/lintian/overrides/$2"
  fi
  chmod 0644 "$1/usr/share/lintian/overrides/$2"
}

# finish PKGROOT PACKAGE ARCH DEPENDS DESCRIPTION: control file, md5sums, dpkg-deb.
finish() {
  local root=$1 package=$2 arch=$3 depends=$4 summary=$5 size
  install -d -m 0755 "$root/DEBIAN"
  for script in postinst prerm postrm; do
    install -m 0755 "$here/$package.$script" "$root/DEBIAN/$script"
  done
  (cd "$root" && find etc -type f 2>/dev/null | sed 's#^#/#' | sort) > "$root/DEBIAN/conffiles"
  [ -s "$root/DEBIAN/conffiles" ] || rm -f "$root/DEBIAN/conffiles"
  size=$(du -sk --exclude=DEBIAN "$root" | cut -f1)
  cat > "$root/DEBIAN/control" <<CONTROL
Package: $package
Version: $version
Architecture: $arch
Maintainer: $maintainer
Installed-Size: $size
Depends: $depends
Section: admin
Priority: optional
Description: $summary
 WebVirt is a self-hosted web console for KVM/libvirt hypervisors: one browser
 tab shows the hosts and guests and starts, stops, creates, edits and opens
 the consoles of guests. The programs are self-contained: no .NET runtime is
 needed on the host.
CONTROL
  (cd "$root" && find . -path ./DEBIAN -prune -o -type f -printf '%P\0' | sort -z | xargs -0 md5sum) > "$root/DEBIAN/md5sums"
  chmod 0644 "$root/DEBIAN/md5sums" "$root/DEBIAN/control"
  dpkg-deb --root-owner-group -Zgzip -z6 --build "$root" "$out/${package}_${version}_$arch.deb" >/dev/null
  echo "$out/${package}_${version}_$arch.deb"
}

maintainer="WebVirt developers <webvirt@example.org>"
common="libc6, libgcc-s1, libstdc++6, libicu72 | libicu74 | libicu76, libssl3 | libssl3t64, openssl, curl, passwd, procps"
for arch in "${arches[@]}"; do
  case $arch in
    amd64) rid=linux-x64 qemu="qemu-system-x86, ovmf, swtpm, swtpm-tools" agent_publish=publish_aot ;;
    arm64) rid=linux-arm64 qemu="qemu-system-arm, qemu-efi-aarch64, swtpm, swtpm-tools" agent_publish=publish ;;
    *) echo "unsupported architecture $arch (amd64, arm64)" >&2; exit 2 ;;
  esac
  if [ "$agent_publish" = publish_aot ] && { ! command -v clang >/dev/null || [ ! -e /usr/include/zlib.h ]; }; then
    echo "the amd64 agent is a Native AOT program: its build needs clang and zlib1g-dev (apt-get install clang zlib1g-dev)" >&2
    exit 1
  fi
  bin=$out/publish/$arch
  if [ -z "$repack" ] || [ ! -x "$bin/agent/WebVirt.Agent" ] || [ ! -x "$bin/web/WebVirt.Web" ]; then
    echo "publishing the agent and the web for $rid"
    "$agent_publish" WebVirt.Agent "$rid" "$bin/agent"
    publish WebVirt.Web "$rid" "$bin/web"
  fi

  root=$out/root/webvirt-agent_$arch
  rm -rf "$root"
  install -d "$root/usr/lib/webvirt" "$root/usr/share/webvirt/lib" "$root/lib/systemd/system" "$root/etc/sysctl.d" "$root/usr/sbin"
  cp -a "$bin/agent" "$root/usr/lib/webvirt/agent"
  install -m 0755 "$here/webvirt-agent-enrol" "$root/usr/sbin/webvirt-agent-enrol"
  program_modes "$root/usr/lib/webvirt/agent" WebVirt.Agent
  install -m 0755 "$here/webvirt-service" "$root/usr/lib/webvirt/webvirt-service"
  install -m 0644 "$repo/deploy/lib/host-setup.sh" "$repo/deploy/lib/install-steps.sh" "$here/package-steps.sh" "$root/usr/share/webvirt/lib/"
  install -m 0644 "$here/webvirt-agent.service" "$root/lib/systemd/system/"
  install -m 0644 "$here/60-webvirt.conf" "$root/etc/sysctl.d/"
  doc_files "$root" webvirt-agent
  lintian_overrides "$root" webvirt-agent agent WebVirt.Agent
  finish "$root" webvirt-agent "$arch" \
    "libvirt-daemon-system, libvirt-clients, libvirt0, $qemu, qemu-utils, osinfo-db, dnsmasq-base, dbus, polkitd | policykit-1, $common" \
    "host agent of the WebVirt console for KVM/libvirt"

  root=$out/root/webvirt_$arch
  rm -rf "$root"
  install -d "$root/usr/lib/webvirt" "$root/usr/share/webvirt/sql" "$root/lib/systemd/system" "$root/etc/pam.d"
  cp -a "$bin/web" "$root/usr/lib/webvirt/web"
  program_modes "$root/usr/lib/webvirt/web" WebVirt.Web
  install -m 0644 "$repo/deploy/sql/grants.sql" "$root/usr/share/webvirt/sql/"
  install -m 0644 "$repo/deploy/pam/webvirt" "$root/etc/pam.d/webvirt"
  install -m 0644 "$here/webvirt.service" "$root/lib/systemd/system/"
  doc_files "$root" webvirt
  lintian_overrides "$root" webvirt web WebVirt.Web
  finish "$root" webvirt "$arch" \
    "webvirt-agent (= $version), postgresql, postgresql-client, libpam0g, libpam-runtime, $common" \
    "self-hosted web console for KVM/libvirt hypervisors"
  rm -rf "$out/root"
done
