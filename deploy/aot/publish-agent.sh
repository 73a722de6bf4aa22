#!/usr/bin/env bash
# Publishes the host agent as one Native AOT program for linux-x64 (no .NET runtime, no JIT: about
# a third of the JIT agent's memory, docs/development.md "Native AOT agent"), into
# artifacts/aot-agent/WebVirt.Agent, where the agent tests' AotAgentSmokeTests find it. Every trim
# or AOT warning fails the publish, so this is also the check that the agent stays AOT-safe.
# Needs the .NET 10 SDK, clang and zlib1g-dev (apt-get install clang zlib1g-dev); the ILCompiler
# package comes from NuGet. Takes a few minutes of CPU, so CI does not run it.
#   deploy/aot/publish-agent.sh [--out DIR]
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
repo=$(cd "$here/../.." && pwd)
out=$repo/artifacts/aot-agent
while [ $# -gt 0 ]; do
  case $1 in
    --out) out=$2; shift 2 ;;
    *) echo "unknown option $1" >&2; exit 2 ;;
  esac
done
for tool in clang dotnet; do
  command -v "$tool" >/dev/null || { echo "$tool is missing (apt-get install clang zlib1g-dev; the .NET 10 SDK)" >&2; exit 1; }
done
[ -e /usr/include/zlib.h ] || { echo "zlib1g-dev is missing (apt-get install zlib1g-dev)" >&2; exit 1; }
export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1 MSBUILDDISABLENODEREUSE=1 DOTNET_CLI_USE_MSBUILD_SERVER=0

# Publishing for a runtime (and with the AOT compiler) rewrites the projects' lock files; the
# repository's (the portable graph CI restores against) are put back afterwards, as
# deploy/debian/build.sh does.
locks=$(mktemp -d)
(cd "$repo" && find src -name packages.lock.json -print0 | tar --null -T - -cf "$locks/locks.tar")
trap 'tar -C "$repo" -xf "$locks/locks.tar"; rm -rf "$locks"' EXIT

rm -rf "$out"
# -warnaserror: the trim and AOT analysis warnings (IL2xxx, IL3xxx) of the agent and of every
# library it uses fail the publish, not only the compiler's.
dotnet publish "$repo/src/WebVirt.Agent" -c Release -r linux-x64 -p:PublishAot=true -p:RestoreLockedMode=false \
  -p:DebugType=none -warnaserror -o "$out" --nologo -v quiet
echo "published $(du -h "$out/WebVirt.Agent" | cut -f1) $out/WebVirt.Agent"
