#!/usr/bin/env bash
# Builds the two Debian packages, einlass-server and einlass-kiosk, into build/packages/:
# installs missing build dependencies, builds the programs and man pages (release build), and
# runs CPack (packaging/cpack.cmake). Copy the .deb files to the server and the kiosk laptops;
# README "Run it at your event" says what to do there.
set -euo pipefail
root=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
cd "$root"
"$root/packaging/install-deps.sh"
cmake -S . -B build/release -DCMAKE_BUILD_TYPE=RelWithDebInfo >/dev/null
cmake --build build/release -j"$(nproc)" --target einlass-kiosk einlass-server man_einlass-kiosk \
  man_einlass-server man_einlass-kiosk-setup-laptop
mkdir -p build/packages
(cd build/packages && cpack -G DEB --config "$root/build/release/CPackConfig.cmake" -B "$root/build/packages" >cpack.log) || {
  cat build/packages/cpack.log
  echo "build-packages: cpack failed (log above)" >&2
  exit 1
}
echo "build-packages: the packages are ready:"
ls -1 "$root"/build/packages/*.deb
