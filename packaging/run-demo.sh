#!/usr/bin/env bash
# Sets everything up and runs the kiosk demo: installs missing Debian packages, builds, and
# opens the kiosk window on the bundled 2019 event (Magdeburg, 12.09.2019, the clock inside the
# afternoon) with demo tickets; it prints codes to paste or type and the staff PIN. No server
# needed. Without a display (e.g. over ssh) it plays the guided tour in the terminal instead.
# Extra arguments go to `einlass-kiosk demo` (e.g. --now 2019-09-12T15:40, --language en,
# --headless).
set -euo pipefail
root=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
cd "$root"
"$root/packaging/install-deps.sh"
cmake -S . -B build/release -DCMAKE_BUILD_TYPE=RelWithDebInfo >/dev/null
cmake --build build/release -j"$(nproc)" --target einlass-kiosk
if [ -z "${DISPLAY:-}" ] && [ -z "${WAYLAND_DISPLAY:-}" ]; then
  echo "run-demo: no display found (DISPLAY is not set): playing the guided tour in the terminal."
  echo "run-demo: on a desktop, the same command opens the kiosk window."
  exec build/release/kiosk/einlass-kiosk demo --headless --dir build/demo "$@"
fi
exec build/release/kiosk/einlass-kiosk demo --dir build/demo "$@"
