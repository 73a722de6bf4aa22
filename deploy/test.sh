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
# A signal ends the run (bash would run a handler and go on with the next project): the cleanup
# runs once, on the way out.
trap 'webvirt_test_cleanup "$repo"' EXIT
trap 'exit 130' INT
trap 'exit 143' TERM

# The test guest (downloads and an ISO, about 45 s mostly waiting) is built beside the restore and
# the build; the cleanup stops it by the run's id if either fails.
log "building the test guest (beside the restore and the build; its output: $WEBVIRT_ARTIFACTS/testguest-build.log)"
"$repo/tests/testguest/build.sh" "$WEBVIRT_TESTGUEST_DIR" > "$WEBVIRT_ARTIFACTS/testguest-build.log" 2>&1 &
guest_build=$!

log "restoring packages as the lock files say (packages.lock.json)"
# CI=true turns on RestoreLockedMode (Directory.Build.props): a package graph that differs from a
# committed lock file fails here; docs/development.md says how to update the lock files.
dotnet restore "$repo/WebVirt.sln" --nologo -v quiet -p:CI=true || die "the restore failed: a packages.lock.json is out of date (see docs/development.md)"

log "building the solution"
dotnet build "$repo/WebVirt.sln" -c Debug --nologo -v quiet -warnaserror --no-restore || die "the build failed"

if ! wait "$guest_build"; then
  cat "$WEBVIRT_ARTIFACTS/testguest-build.log"
  die "the test guest did not build"
fi
tail -n 1 "$WEBVIRT_ARTIFACTS/testguest-build.log"

projects=("$@")
beside=()
with_agent=
if [ ${#projects[@]} -eq 0 ]; then
  # The projects that use libvirtd: Libvirt and Domain first, then Agent with Api beside it (each
  # names what it makes with a prefix of its own, and no test restarts the system libvirtd; the Api
  # tests, one shared stack after another, leave most of a core idle); the ones that drive a browser
  # next, alone, as they keep both cores busy; Install and Package last of all, as they install
  # WebVirt on this host and check the running processes. The ones that need no libvirtd, no browser
  # and no fixed port (Data and Web: about 3.5 minutes of both cores) run beside the first of them,
  # whose tests mostly wait on guests and libvirtd (the CPU a quarter to half busy); they end before
  # the browser tests begin.
  projects=(Libvirt Domain Agent E2E Install Package)
  beside=(Data Web)
  with_agent=Api
fi

# When each project's run began and ended (UTC, as the programs' logs write it): a failure is
# explained by what was logged while its own project ran, not by the errors other tests provoke.
now() { date -u '+%Y-%m-%d %H:%M:%S'; }
times="$WEBVIRT_ARTIFACTS/project-times"
: > "$times"

# run_project NAME: runs one project, its output to the console and to test-NAME.log (only to the
# log with QUIET=1), its times to $times; the status is the project's.
run_project() {
  local p=$1 status=0 began dir
  began=$(now)
  case "$p" in
    Install) log "testing the installation (deploy/tests/install-test.sh)"; "$here/tests/install-test.sh" || status=1 ;;
    Compose) log "testing docker-compose.yml (deploy/tests/compose-test.sh)"; "$here/tests/compose-test.sh" || status=1 ;;
    Package) log "testing the Debian packages (deploy/tests/package-test.sh)"; "$here/tests/package-test.sh" || status=1 ;;
    *)
      dir="$repo/tests/WebVirt.$p.Tests"
      [ -d "$dir" ] || dir="$repo/tests/WebVirt.$p"
      if [ ! -d "$dir" ]; then
        printf '\033[1;31m[webvirt] ERROR:\033[0m no test project for %s\n' "$p" >&2
        status=1
      else
        local run=(dotnet test "$dir" --no-build --nologo --logger "console;verbosity=normal" --results-directory "$WEBVIRT_ARTIFACTS/test-results")
        if [ "${QUIET:-0}" = 1 ]; then
          "${run[@]}" > "$WEBVIRT_ARTIFACTS/test-$p.log" 2>&1 || status=1
        else
          log "testing $(basename "$dir")"
          "${run[@]}" 2>&1 | tee "$WEBVIRT_ARTIFACTS/test-$p.log" || status=1
        fi
      fi
      ;;
  esac
  printf '%s\t%s\t%s\t%s\n' "$p" "$began" "$(now)" "$status" >> "$times"
  return "$status"
}

# With the full run, the Debian packages (deploy/debian/build.sh: both amd64 versions and arm64, about
# four minutes of both cores) are built in the same background lane after the projects beside, from a
# copy of the sources (a publish restores for a runtime in the tree it builds), and the package test
# only installs them.
build_packages=
if [ ${#beside[@]} -gt 0 ] && [[ " ${projects[*]} " == *" Package "* ]] && [ -z "${WEBVIRT_PACKAGE_TEST_DEBS:-}" ]; then
  build_packages=yes
  export WEBVIRT_PACKAGE_TEST_DEBS="$WEBVIRT_ARTIFACTS/debs"
fi
package_build_log="$WEBVIRT_ARTIFACTS/package-build.log"

# build_packages_from_copy: the packages into $WEBVIRT_PACKAGE_TEST_DEBS; the status is the builds'.
build_packages_from_copy() {
  local copy
  copy=$(mktemp -d /tmp/wvt-package-sources.XXXXXX)
  rm -rf "$WEBVIRT_PACKAGE_TEST_DEBS"
  # The packages' date is the last commit's, as a build in the tree would take it from git.
  SOURCE_DATE_EPOCH=$(git -C "$repo" log -1 --format=%ct 2>/dev/null || date +%s)
  export SOURCE_DATE_EPOCH
  tar -C "$repo" --exclude=./.git --exclude=./artifacts --exclude=./.testguest --exclude=bin --exclude=obj -cf - . | tar -xf - -C "$copy" &&
    "$copy/deploy/tests/package-test.sh" --build-only "$WEBVIRT_PACKAGE_TEST_DEBS"
  local status=$?
  rm -rf "$copy"
  return "$status"
}

beside_pid=
beside_shown=
beside_done="$WEBVIRT_ARTIFACTS/beside-done"
rm -f "$beside_done"
if [ ${#beside[@]} -gt 0 ]; then
  log "testing ${beside[*]} beside the first projects (their output follows when they are done)${build_packages:+, then building the Debian packages (into $WEBVIRT_PACKAGE_TEST_DEBS)}"
  (
    # A prefix of their own for what they name (databases, folders): the first projects' tests remove
    # what carries the run's prefix when they end, and must not take what these are using.
    export WEBVIRT_TEST_PREFIX="wvt-$(openssl rand -hex 4)-"
    for p in "${beside[@]}"; do QUIET=1 run_project "$p"; done
    touch "$beside_done"
    # At the lowest priority: the build has no deadline until the package test, while the tests beside
    # it wait on guests with timeouts (at normal priority it made the Agent project 1.8 minutes longer).
    if [ -n "$build_packages" ]; then
      renice -n 19 -p "$BASHPID" > /dev/null
      build_packages_from_copy > "$package_build_log" 2>&1
    fi
  ) &
  beside_pid=$!
fi
# end_beside: waits for the projects beside (not for the package build after them), then shows their output.
end_beside() {
  [ -n "$beside_pid" ] && [ -z "$beside_shown" ] || return 0
  local p
  while [ ! -e "$beside_done" ] && kill -0 "$beside_pid" 2>/dev/null; do sleep 1; done
  beside_shown=yes
  for p in "${beside[@]}"; do
    log "the output of WebVirt.$p.Tests (run beside the others)"
    cat "$WEBVIRT_ARTIFACTS/test-$p.log" 2>/dev/null
  done
}
# end_package_build: waits for the background lane; a failed build fails the package test.
end_package_build() {
  [ -n "$beside_pid" ] || return 0
  local status=0
  wait "$beside_pid" || status=$?
  beside_pid=
  [ -n "$build_packages" ] || return 0
  if [ "$status" = 0 ]; then
    log "the Debian packages were built beside the tests ($package_build_log)"
  else
    cat "$package_build_log"
    printf '\033[1;31m[webvirt] ERROR:\033[0m building the Debian packages failed\n' >&2
    printf '%s\t%s\t%s\t%s\n' Package "$(now)" "$(now)" 1 >> "$times"
  fi
  return "$status"
}

# The project run beside Agent, quietly (its output follows when it ends), with a prefix of its own,
# so that neither project's cleanup can take what the other is using.
with_agent_pid=
start_with_agent() {
  [ -n "$with_agent" ] || return 0
  log "testing $with_agent beside Agent (its output follows when it is done)"
  (
    export WEBVIRT_TEST_PREFIX="wvt-$(openssl rand -hex 4)-"
    QUIET=1 run_project "$with_agent"
  ) &
  with_agent_pid=$!
}
end_with_agent() {
  [ -n "$with_agent_pid" ] || return 0
  wait "$with_agent_pid"
  with_agent_pid=
  log "the output of WebVirt.$with_agent.Tests (run beside Agent)"
  cat "$WEBVIRT_ARTIFACTS/test-$with_agent.log" 2>/dev/null
}

for p in "${projects[@]}"; do
  [ "$p" = E2E ] && end_beside
  if [ "$p" = Package ]; then
    end_beside
    end_package_build || continue
  fi
  [ "$p" = Agent ] && start_with_agent
  run_project "$p"
  [ "$p" = Agent ] && end_with_agent
done
end_beside
end_with_agent
end_package_build

failed=()
declare -A began ended
while IFS=$'\t' read -r p from to status; do
  began[$p]=$from ended[$p]=$to
  [ "$status" = 0 ] || failed+=("$p")
done < "$times"

if [ ${#failed[@]} -gt 0 ]; then
  # The end of a long run is what a CI page shows, and it may show only its last hundred lines: the
  # longer parts come first, and the list of every failed test with the start of its message last.
  # What the programs the tests started logged (their errors, last ones) often explains a flaky failure.
  if compgen -G "$WEBVIRT_ARTIFACTS/logs/*.log" >/dev/null; then
    for p in "${failed[@]}"; do
      from=${began[$p]:-} to=${ended[$p]:-$(now)}
      [ -n "$from" ] || continue
      printf '\033[1;31m[webvirt] errors the started programs logged while %s ran (last 20; all in %s/logs):\033[0m\n' "$p" "$WEBVIRT_ARTIFACTS"
      # The programs' own dated log files (their console copies say the same without the date).
      grep -h -E '^[0-9]{4}-[0-9]{2}-[0-9]{2} .*( \[(ERR|FTL)\] |Unhandled exception)' "$WEBVIRT_ARTIFACTS"/logs/*.log |
        awk -v from="$from" -v to="$to" '{ t = substr($0, 1, 19) } t >= from && t <= to' | sort | tail -20 | cut -c1-240
    done
  fi
  for p in "${failed[@]}"; do
    [ -f "$WEBVIRT_ARTIFACTS/test-$p.log" ] || continue
    printf '\033[1;31m[webvirt] each failed test of %s with the output after it:\033[0m\n' "$p"
    awk '/^  Failed [A-Za-z]/ { n = 30 } n > 0 { print; n-- }' "$WEBVIRT_ARTIFACTS/test-$p.log" | cut -c1-300
  done
  for p in "${failed[@]}"; do
    printf '\033[1;31m[webvirt] failed in %s:\033[0m\n' "$p"
    if [ -f "$WEBVIRT_ARTIFACTS/test-$p.log" ] && grep -q '^  Failed [A-Za-z]' "$WEBVIRT_ARTIFACTS/test-$p.log"; then
      awk '/^  Failed [A-Za-z]/ { print; m = 0; next } /^  Error Message:/ { m = 4; next } /^  Stack Trace:/ { m = 0 } m > 0 { print; m-- }' \
        "$WEBVIRT_ARTIFACTS/test-$p.log" | cut -c1-240
    else
      # No failed test: the project failed as a whole (a build, a crashed test host, a script's check).
      grep -v '^ *Passed ' "$WEBVIRT_ARTIFACTS/test-$p.log" 2>/dev/null | tail -8 | cut -c1-240
    fi
  done
  printf '\033[1;31m[webvirt] FAILED:\033[0m %s\n' "${failed[*]}"
  exit 1
fi
log "all test projects passed: ${beside[*]} ${projects[*]} $with_agent"
