#!/bin/sh
# Peer-benchmark runner (../shared/bench README, "Runner contract"): ecograph's in-process bench mode.
here="$(cd "$(dirname "$0")" && pwd)"; for b in "$here/../build/ecograph" "$here/../build/cli/ecograph" "$here/../build-dev/ecograph"; do [ -x "$b" ] && exec "$b" bench "$@"; done; echo "bench-runner: build ecograph first (cmake --build build --target ecograph)" >&2; exit 3
