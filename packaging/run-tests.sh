#!/usr/bin/env bash
# Sets everything up and runs every test: installs missing Debian packages, builds, runs the
# whole CTest suite (unit, integration, ui, fuzz corpus, bench smoke), then the Debian packages'
# test (build both .debs, install, upgrade, purge: label package, root), then builds the tests a
# second time with clang + AddressSanitizer/UndefinedBehaviorSanitizer and runs them there too,
# plus a short libFuzzer run of each fuzz target. Exits non-zero if anything fails.
set -euo pipefail
root=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
cd "$root"
jobs=$(nproc)
fuzz_seconds=${EINLASS_FUZZ_SECONDS:-20}

"$root/packaging/install-deps.sh"

echo "== format check (clang-format)"
format_log=$(mktemp)
if ! git ls-files '*.cpp' '*.hpp' | xargs clang-format --dry-run --Werror 2>"$format_log"; then
  head -20 "$format_log"
  echo "clang-format: these files differ from .clang-format; run clang-format -i on them"
  exit 1
fi
rm -f "$format_log"

echo "== release build (g++)"
cmake -S . -B build/release -DCMAKE_BUILD_TYPE=RelWithDebInfo >/dev/null
cmake --build build/release -j"$jobs"
echo "== tests (release)"
ctest --test-dir build/release --output-on-failure -j"$jobs" -LE package
echo "== Debian packages (build, install, upgrade, purge; needs root)"
as_root=()
[ "$(id -u)" -eq 0 ] || as_root=(sudo) # it installs the packages (and removes them afterwards)
"${as_root[@]}" ctest --test-dir build/release --output-on-failure -L package

echo "== sanitizer build (clang, ASan + UBSan, libFuzzer targets)"
CC=clang CXX=clang++ cmake -S . -B build/asan -DCMAKE_BUILD_TYPE=Debug -DEINLASS_SANITIZE=ON \
  -DEINLASS_FUZZ=ON >/dev/null
cmake --build build/asan -j"$jobs"
echo "== tests (ASan + UBSan)"
ASAN_OPTIONS=detect_leaks=1:abort_on_error=1 UBSAN_OPTIONS=print_stacktrace=1:halt_on_error=1 \
  ctest --test-dir build/asan --output-on-failure -j"$jobs" -LE 'bench|package'

echo "== fuzzing (${fuzz_seconds}s per target)"
for target in build/asan/tests/fuzz/*_fuzz; do
  [ -x "$target" ] || continue
  name=$(basename "$target")
  work=$(mktemp -d)
  cp tests/fuzz/corpus/"$name"/* "$work"/
  "$target" -max_total_time="$fuzz_seconds" -print_final_stats=1 "$work" 2>&1 | tail -3
  rm -rf "$work"
done
echo "== all tests passed"
