#!/usr/bin/env bash
# Installs what is missing, builds ecograph, and runs every test: once in a
# Release build, then once more under AddressSanitizer + UndefinedBehaviorSanitizer.
#   scripts/test.sh              both passes (what CI runs)
#   scripts/test.sh --no-sanitize  the Release pass only
#   ECOGRAPH_STRESS=1 scripts/test.sh  long stress runs (500 crash trials, ...)
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."

sanitize=1
for arg in "$@"; do
  case "$arg" in
    --no-sanitize) sanitize=0 ;;
    *) echo "usage: scripts/test.sh [--no-sanitize]" >&2; exit 2 ;;
  esac
done

bash scripts/install-deps.sh
jobs="$(nproc)"

run_pass() {  # run_pass BUILD_DIR CMAKE_ARGS...
  local dir="$1"; shift
  cmake -S . -B "$dir" -G Ninja "$@" >/dev/null
  cmake --build "$dir" -j "$jobs"
  (cd "$dir" && ctest --output-on-failure -j "$jobs" --timeout 900)
}

echo "== Release build and tests"
run_pass build -DCMAKE_BUILD_TYPE=Release
if [ "$sanitize" = 1 ]; then
  echo "== ASan + UBSan build and tests"
  export ASAN_OPTIONS="detect_leaks=1:abort_on_error=1"
  export UBSAN_OPTIONS="print_stacktrace=1:halt_on_error=1"
  # -O1 -g1: the sanitizers' recommended level, line tables for reports; about a
  # third less compile time than -O2 -g on these 2-core machines.
  run_pass build-asan -DCMAKE_BUILD_TYPE=RelWithDebInfo -DECOGRAPH_SANITIZE=ON \
    "-DCMAKE_CXX_FLAGS_RELWITHDEBINFO=-O1 -g1 -DNDEBUG"
fi
