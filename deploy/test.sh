#!/usr/bin/env bash
# Runs the whole WebVirt test suite on this host, as root: installs and starts what the tests need
# (libvirtd, PostgreSQL, Chromium, Prometheus), builds the test guest, runs every test project, and removes
# every guest, volume, network, database and process the tests made, also when a test fails.
#   sudo ./deploy/test.sh                 # everything
#   sudo ./deploy/test.sh Libvirt Agent   # only tests/WebVirt.Libvirt.Tests and tests/WebVirt.Agent.Tests
#   sudo ./deploy/test.sh Install         # only deploy/tests/install-test.sh (install.sh as instance wvt_install)
#   sudo ./deploy/test.sh Package         # only deploy/tests/package-test.sh (the Debian packages)
#   sudo ./deploy/test.sh Compose         # deploy/tests/compose-test.sh (docker-compose.yml with a
#                                         # Docker daemon of its own); not part of the default run
set -uo pipefail
here=$(cd "$(dirname "$0")" && pwd)
repo=$(cd "$here/.." && pwd)
# shellcheck source=lib/host-setup.sh
. "$here/lib/host-setup.sh"

require_root
prometheus_before=" $(pgrep -x prometheus | tr '\n' ' ') "
# clang and zlib1g-dev link the packages' Native AOT agent (deploy/debian/build.sh).
install_packages "${WEBVIRT_PACKAGES[@]}" chromium fonts-wqy-microhei lintian systemd prometheus clang zlib1g-dev || die "package installation failed"
# Debian's prometheus package starts its service where systemd runs (on port 9090, the console's);
# the metrics test starts a Prometheus of its own, so one the install started is stopped by its pid.
for pid in $(pgrep -x prometheus); do
  case "$prometheus_before" in *" $pid "*) ;; *) kill -TERM "$pid" 2>/dev/null || true ;; esac
done
check_dotnet
report_kvm
start_libvirt
start_postgres
# Tests get a role of their own, so they never touch an installation's "webvirt" role.
ensure_pg_role webvirt_test webvirt_test superuser

export WEBVIRT_TEST_PG="Host=127.0.0.1;Port=5432;Username=webvirt_test;Password=webvirt_test"
export WEBVIRT_TEST_PREFIX="wvt-$(openssl rand -hex 4)-"
# Inherited by every process the run starts, so the cleanup finds exactly those by pid.
export WEBVIRT_TEST_RUN_ID="$(openssl rand -hex 8)"
export WEBVIRT_TESTGUEST_DIR="$repo/.testguest"
export WEBVIRT_ARTIFACTS="$repo/artifacts"
export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1
# No MSBuild nodes outliving the run; the compiler server is shut down by the cleanup.
export MSBUILDDISABLENODEREUSE=1 DOTNET_CLI_USE_MSBUILD_SERVER=0
mkdir -p "$WEBVIRT_ARTIFACTS"

# shellcheck source=lib/test-cleanup.sh
. "$here/lib/test-cleanup.sh"
trap 'webvirt_test_cleanup "$repo"' EXIT INT TERM

log "building the test guest"
"$repo/tests/testguest/build.sh" "$WEBVIRT_TESTGUEST_DIR" || die "the test guest did not build"

log "restoring packages as the lock files say (packages.lock.json)"
# CI=true turns on RestoreLockedMode (Directory.Build.props): a package graph that differs from a
# committed lock file fails here; docs/development.md says how to update the lock files.
dotnet restore "$repo/WebVirt.sln" --nologo -v quiet -p:CI=true || die "the restore failed: a packages.lock.json is out of date (see docs/development.md)"

log "building the solution"
dotnet build "$repo/WebVirt.sln" -c Debug --nologo -v quiet -warnaserror --no-restore || die "the build failed"

projects=("$@")
if [ ${#projects[@]} -eq 0 ]; then
  # Fast tests first; the ones that restart libvirtd or drive a browser last. One project at a
  # time: several of them share the one libvirtd and one of them restarts it.
  # Install and Package last: they install WebVirt on this host and check the running processes.
  projects=(Libvirt Domain Data Agent Web Api E2E Install Package)
fi

failed=()
# When each project's run began and ended (UTC, as the programs' logs write it): a failure is
# explained by what was logged while its own project ran, not by the errors other tests provoke.
declare -A began ended
now() { date -u '+%Y-%m-%d %H:%M:%S'; }
for p in "${projects[@]}"; do
  began[$p]=$(now)
  if [ "$p" = Install ]; then
    log "testing the installation (deploy/tests/install-test.sh)"
    "$here/tests/install-test.sh" || failed+=("$p")
    ended[$p]=$(now)
    continue
  fi
  if [ "$p" = Compose ]; then
    log "testing docker-compose.yml (deploy/tests/compose-test.sh)"
    "$here/tests/compose-test.sh" || failed+=("$p")
    ended[$p]=$(now)
    continue
  fi
  if [ "$p" = Package ]; then
    log "testing the Debian packages (deploy/tests/package-test.sh)"
    "$here/tests/package-test.sh" || failed+=("$p")
    ended[$p]=$(now)
    continue
  fi
  dir="$repo/tests/WebVirt.$p.Tests"
  [ -d "$dir" ] || dir="$repo/tests/WebVirt.$p"
  [ -d "$dir" ] || die "no test project for '$p'"
  log "testing $(basename "$dir")"
  if ! dotnet test "$dir" --no-build --nologo --logger "console;verbosity=normal" \
      --results-directory "$WEBVIRT_ARTIFACTS/test-results" 2>&1 | tee "$WEBVIRT_ARTIFACTS/test-$p.log"; then
    failed+=("$p")
  fi
  ended[$p]=$(now)
done

if [ ${#failed[@]} -gt 0 ]; then
  # The end of a long run is what a CI page shows: repeat each failed test with its message there.
  for p in "${failed[@]}"; do
    [ -f "$WEBVIRT_ARTIFACTS/test-$p.log" ] || continue
    printf '\033[1;31m[webvirt] failed in %s:\033[0m\n' "$p"
    awk '/^  Failed [A-Za-z]/ { n = 40 } n > 0 { print; n-- }' "$WEBVIRT_ARTIFACTS/test-$p.log" | cut -c1-400
  done
  # A flaky failure is often explained by what the programs the tests started logged: their errors, last ones.
  if compgen -G "$WEBVIRT_ARTIFACTS/logs/*.log" >/dev/null; then
    for p in "${failed[@]}"; do
      from=${began[$p]:-} to=${ended[$p]:-$(now)}
      [ -n "$from" ] || continue
      printf '\033[1;31m[webvirt] errors the started programs logged while %s ran (last 40; all in %s/logs):\033[0m\n' "$p" "$WEBVIRT_ARTIFACTS"
      # The programs' own dated log files (their console copies say the same without the date).
      grep -h -E '^[0-9]{4}-[0-9]{2}-[0-9]{2} .*( \[(ERR|FTL)\] |Unhandled exception)' "$WEBVIRT_ARTIFACTS"/logs/*.log |
        awk -v from="$from" -v to="$to" '{ t = substr($0, 1, 19) } t >= from && t <= to' | sort | tail -40 | cut -c1-300
    done
  fi
  printf '\033[1;31m[webvirt] FAILED:\033[0m %s\n' "${failed[*]}"
  exit 1
fi
log "all test projects passed: ${projects[*]}"
