#!/usr/bin/env bash
# Installs ecograph's build and test dependencies from Debian's packages.
# Idempotent: asks dpkg first and only runs apt-get for what is missing.
set -euo pipefail

PACKAGES=(
  build-essential cmake ninja-build pkg-config
  librocksdb-dev            # storage engine
  libboost-graph-dev        # in-memory topology and algorithms
  libgraphviz-dev graphviz  # libcgraph + libgvc, and the dot tool for checks
  libcxxopts-dev            # command line
  libgtest-dev libgmock-dev # unit tests
  libbenchmark-dev          # micro benchmarks
  libre2-dev                # linear-time regular expressions for =~
  libedit-dev               # REPL line editing, history, completion
  nlohmann-json3-dev        # JSON Lines import/export, bench, --format json
  libfmt-dev                # formatting
  libutf8proc-dev           # Unicode display widths in the table printer
  python3 python3-networkx  # GraphML interoperability test
  tmux                      # REPL end-to-end test through a terminal
  less                      # the REPL's default pager for long results
  clang-14 libclang-rt-14-dev  # libFuzzer: the fuzz.* tests (coverage-guided fuzzing)
)

missing=()
for pkg in "${PACKAGES[@]}"; do
  if ! dpkg-query -W -f='${Status}' "$pkg" 2>/dev/null | grep -q "install ok installed"; then
    missing+=("$pkg")
  fi
done

if [ ${#missing[@]} -eq 0 ]; then
  echo "install-deps: all ${#PACKAGES[@]} packages present"
  exit 0
fi

echo "install-deps: installing ${missing[*]}"
SUDO=""
if [ "$(id -u)" -ne 0 ]; then SUDO="sudo"; fi
export DEBIAN_FRONTEND=noninteractive
$SUDO apt-get update -qq
$SUDO apt-get install -y -qq --no-install-recommends "${missing[@]}"
