#!/usr/bin/env bash
# Runs every fuzz target for SECONDS (default 30) on a copy of its committed seed corpus and
# prints the executions each one ran. Fails if any target finds a crash, leak or timeout.
set -euo pipefail
cd "$(dirname "$0")/.."
SECONDS_EACH="${1:-30}"
BIN=build/fuzz/fuzz
WORK="$(mktemp -d)"
trap 'rm -rf "$WORK"' EXIT
status=0
for target in json binary assembler verifier run jit awk_parser awk_run; do
  [[ -x "$BIN/fuzz_$target" ]] || continue
  mkdir -p "$WORK/$target"
  corpus="$target"
  [[ "$target" == jit ]] && corpus=run  # the JIT target runs the interpreter target's chunks
  [[ "$target" == awk_run ]] && corpus=awk_parser  # both take awk program text
  cp -r fuzz/corpus/"$corpus"/. "$WORK/$target"/ 2>/dev/null || true
  log="$WORK/$target.log"
  if "$BIN/fuzz_$target" "$WORK/$target" -max_total_time="$SECONDS_EACH" -timeout=10 \
      -rss_limit_mb=2048 -print_final_stats=1 -artifact_prefix="$WORK/$target-" >"$log" 2>&1; then
    execs=$(grep -o 'stat::number_of_executed_units: *[0-9]*' "$log" | grep -o '[0-9]*$' || echo '?')
    echo "fuzz_$target: ok, $execs executions in ${SECONDS_EACH}s"
  else
    echo "fuzz_$target: FAILED"; tail -40 "$log"; status=1
    ls "$WORK"/"$target"-* 2>/dev/null | while read -r f; do echo "reproducer: $f"; xxd "$f" | head -20; done
  fi
done
exit $status
