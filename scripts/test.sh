#!/usr/bin/env bash
# Builds and runs every test:
#   1. the dev build (gcc, -Werror): unit, conformance and CLI tests under CTest;
#   2. the same suite built with AddressSanitizer + UndefinedBehaviorSanitizer;
#   3. the multi-threaded tests (16 threads each with its own VM, VMPool churn, cross-thread
#      interrupts, both tiers) built with ThreadSanitizer;
#   4. the suite built without the JIT (FUSEVM_JIT=OFF): every non-JIT test must still pass;
#   5. each libFuzzer target (clang 14) for a bounded time (FUSEVM_FUZZ_SECONDS, default 10).
# The JIT's random differential test runs FUSEVM_JIT_DIFF_SECONDS (default 20) in steps 1 and 2.
# Installs missing Debian packages first (scripts/install-deps.sh), so it works on a fresh machine.
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/install-deps.sh
JOBS="${JOBS:-$(nproc)}"
FUZZ_SECONDS="${FUSEVM_FUZZ_SECONDS:-10}"

step() { printf '\n=== %s ===\n' "$*"; }

step "dev build + tests"
cmake --preset dev >/dev/null
cmake --build --preset dev -j "$JOBS"
ctest --preset dev -j "$JOBS"

step "asan-ubsan build + tests"
cmake --preset asan-ubsan >/dev/null
cmake --build --preset asan-ubsan -j "$JOBS"
ASAN_OPTIONS=detect_leaks=1:abort_on_error=1 UBSAN_OPTIONS=print_stacktrace=1:halt_on_error=1 \
  ctest --preset asan-ubsan -j "$JOBS"

step "tsan build + multi-threaded tests"
cmake --preset tsan >/dev/null
cmake --build --preset tsan -j "$JOBS"
TSAN_OPTIONS=halt_on_error=1:second_deadlock_stack=1 ctest --preset tsan -j "$JOBS"

step "interpreter-only build (FUSEVM_JIT=OFF) + tests"
cmake --preset nojit >/dev/null
cmake --build --preset nojit -j "$JOBS"
ctest --preset nojit -j "$JOBS"

step "fuzz targets, ${FUZZ_SECONDS}s each"
cmake --preset fuzz >/dev/null
cmake --build --preset fuzz -j "$JOBS"
scripts/run-fuzzers.sh "$FUZZ_SECONDS"

step "all tests passed"
