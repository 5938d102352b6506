#!/usr/bin/env bash
# Sets everything up and runs the kiosk demo: installs missing Debian packages, builds, and
# starts `einlass-kiosk demo` on the bundled 2019 event (no server needed).
set -euo pipefail
root=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
cd "$root"
"$root/packaging/install-deps.sh"
cmake -S . -B build/release -DCMAKE_BUILD_TYPE=RelWithDebInfo >/dev/null
cmake --build build/release -j"$(nproc)" --target einlass-kiosk
exec build/release/kiosk/einlass-kiosk demo --dir build/demo "$@"
