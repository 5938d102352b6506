#!/usr/bin/env bash
# Syntax check (bash -n / sh -n) and shellcheck of every shell script the packages ship or the
# project runs: a typo in a maintainer script breaks an install on a venue laptop.
set -euo pipefail
packaging=${1:?usage: lint_scripts.sh PACKAGING_DIR}
status=0
scripts=("$packaging"/*.sh "$packaging"/tests/*.sh "$packaging"/kiosk/einlass-kiosk-setup-laptop)
# POSIX sh: maintainer scripts (dpkg runs them with /bin/sh) and the session launcher.
maintainer=("$packaging"/server/postinst "$packaging"/server/prerm "$packaging"/server/postrm
  "$packaging"/kiosk/postinst "$packaging"/kiosk/prerm "$packaging"/kiosk/einlass-kiosk-session)
for f in "${scripts[@]}"; do bash -n "$f" || status=1; done
for f in "${maintainer[@]}"; do sh -n "$f" || status=1; done
shellcheck "${scripts[@]}" "${maintainer[@]}" || status=1
[ "$status" -eq 0 ] && echo "lint: ${#scripts[@]} scripts and ${#maintainer[@]} maintainer scripts are clean"
exit "$status"
