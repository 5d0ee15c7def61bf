#!/usr/bin/env bash
# Installs what is missing, builds ecograph, and opens the REPL on the
# bundled Alibaba graph (created on first use). Extra arguments go to ecograph.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
bash scripts/install-deps.sh >&2
cmake -S . -B build -G Ninja -DCMAKE_BUILD_TYPE=Release >/dev/null
cmake --build build -j "$(nproc)" --target ecograph >&2
exec ./build/ecograph "$@"
