#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-3.0-or-later
#
# The Flatpak offline test of flatpak/top.jpom.Community.json: runs its
# five jobs in order and says how long each took. Each job is a script of
# its own that can be run alone once the ones before it have run (their
# results are cached):
#
#   1. standin-runtime.sh     a stand-in org.gnome.Sdk/Platform from a
#                             Debian root (the GNOME runtime cannot be
#                             downloaded here)
#   2. module-sources.sh      the modules' tarballs from Debian's source
#                             archive
#   3. build-and-publish.sh   the build (deprecated API is an error) and
#                             flatpak/publish.sh with a throwaway key: the
#                             signed repository, .flatpakref and bundle in
#                             _build-flatpak/site
#   4. sandbox-checks.sh      the bundle installed; --update against
#                             127.0.0.1, the QR code decoded from a
#                             screenshot, a launcher action by D-Bus
#                             activation, screenshots
#   5. repository-checks.sh   install from the served .flatpakref, refusal
#                             of other keys and a tampered summary, update
#                             to N+1 (also from the bundle), what an app
#                             centre shows, a clean uninstall
#
# Usage: flatpak/test-offline-install.sh [--bundle-only]
#   --bundle-only   stop after job 3: _build-flatpak/site holds the bundle
#                   (jpom-community.flatpak) and the repository, for tests
#                   only (a stand-in build, a throwaway key, 127.0.0.1)
#
# Environment: see flatpak/lib.sh. Needs the packages that
# tools/install-deps.sh installs.

set -euo pipefail

jobs=(standin-runtime module-sources build-and-publish sandbox-checks repository-checks)
case "${1:-}" in
  --bundle-only) jobs=(standin-runtime module-sources build-and-publish) ;;
  '') ;;
  -h|--help) sed -n '2,/^$/s/^# \{0,1\}//p' "$0"; exit 0 ;;
  *) echo "Unknown argument: $1 (try --help)" >&2; exit 2 ;;
esac

here=$(dirname "$(readlink -f "$0")")
times=()
status=0
for job in "${jobs[@]}"; do
  printf '\n######## %s\n' "$job"
  start=$SECONDS
  bash "$here/$job.sh" || status=$?
  times+=("$(printf '%5ds  %s' $((SECONDS - start)) "$job")")
  # A later job needs what an earlier one made, except that the
  # repository checks do not need the sandbox checks to pass.
  if [ "$status" -ne 0 ] && [ "$job" != sandbox-checks ]; then
    break
  fi
done

printf '\nFlatpak offline test, time per job:\n'
printf '  %s\n' "${times[@]}"
if [ "$status" -ne 0 ]; then
  printf 'FAIL: the Flatpak offline test (see the job above)\n' >&2
  exit 1
fi
printf 'PASS: the Flatpak offline test (%s)\n' "${jobs[*]}"
