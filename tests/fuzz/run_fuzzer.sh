#!/usr/bin/env sh
# Runs one libFuzzer target for a bounded time (a ctest test).
#   run_fuzzer.sh FUZZER SECONDS SEED_DIR WORK_DIR
# New inputs go to WORK_DIR (in the build tree); the kept corpus SEED_DIR is
# only read. A crash fails the test and names the input to keep: copy it
# into SEED_DIR, where the fuzz_regressions tests replay it in every build.
set -eu
fuzzer="$1"; seconds="$2"; seeds="$3"; work="$4"
if [ ! -x "$fuzzer" ]; then
  echo "SKIP: $fuzzer was not built (needs clang with libFuzzer: clang-14, libclang-rt-14-dev)"
  exit 77
fi
mkdir -p "$work/corpus" "$work/finds"
# The import targets keep a scratch store; in memory it costs no disk syncs.
if [ -d /dev/shm ] && [ -w /dev/shm ]; then export TMPDIR=/dev/shm; fi
# Leak checks (run by the ASan+UBSan pass) would take most of the time here.
if "$fuzzer" -max_total_time="$seconds" -seed=10 -timeout=10 -rss_limit_mb=2048 -detect_leaks=0 \
     -max_len=4096 -print_final_stats=1 -artifact_prefix="$work/finds/" \
     "$work/corpus" "$seeds"; then
  exit 0
fi
echo "The fuzzer found an input that fails: $(ls "$work/finds")"
echo "Keep it as a regression case: cp $work/finds/<file> $seeds/ (then fix the bug)."
exit 1
