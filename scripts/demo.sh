#!/usr/bin/env bash
# The main demo: builds chunks from assembly, verifies them, converts them between the three
# formats, checks the whole conformance corpus round-trips, and measures how fast each format loads.
set -euo pipefail
cd "$(dirname "$0")/.."
BUILD="${BUILD:-build/release}"
FUSEVM="$BUILD/tools/fusevm/fusevm"
OUT="$(mktemp -d)"
trap 'rm -rf "$OUT"' EXIT
say() { printf '\n\033[1m== %s\033[0m\n' "$*"; }

say "assemble, verify and convert examples/fib.fvm"
"$FUSEVM" verify examples/fib.fvm
"$FUSEVM" asm examples/fib.fvm -o "$OUT/fib.fbc"
"$FUSEVM" convert "$OUT/fib.fbc" "$OUT/fib.json"
printf 'fib.fvm %s bytes -> fib.fbc %s bytes, fib.json %s bytes\n' \
  "$(wc -c <examples/fib.fvm)" "$(wc -c <"$OUT/fib.fbc")" "$(wc -c <"$OUT/fib.json")"
echo "--- fusevm dis fib.fbc (first 16 lines)"
"$FUSEVM" dis "$OUT/fib.fbc" | head -16

say "the verifier rejects examples/broken.fvm before it can run"
"$FUSEVM" verify examples/broken.fvm || echo "(exit status $?: rejected, as it should be)"

say "the original's conformance corpus and bench chunks: JSON -> binary -> text -> binary"
n=0; same=0
for f in tests/data/conformance/upstream-v0.13.6/vectors/*.json bench/chunks/[0-9]*.json; do
  n=$((n + 1))
  "$FUSEVM" convert "$f" "$OUT/a.fbc"
  "$FUSEVM" convert "$OUT/a.fbc" "$OUT/a.fvm"
  "$FUSEVM" convert "$OUT/a.fvm" "$OUT/b.fbc"
  cmp -s "$OUT/a.fbc" "$OUT/b.fbc" && same=$((same + 1))
done
echo "$same of $n chunks came back identical"
ok=0; for f in tests/data/conformance/upstream-v0.13.6/vectors/*.json; do
  "$FUSEVM" verify -q "$f" 2>/dev/null && ok=$((ok + 1)); done
echo "$ok of 773 vectors verify; the rest are rejected for the reasons in docs/conformance.md"

say "load speed (Google Benchmark, 773 vector chunks and one 100k-op chunk)"
"$BUILD/bench/fusevm_bench" --benchmark_filter=Load --benchmark_min_time=0.2 \
  --benchmark_format=console 2>/dev/null | tee "$OUT/load.txt" | grep -E "BM_|Benchmark"
python3 - "$OUT/load.txt" <<'PY'
import re, sys
times = {}
for line in open(sys.argv[1]):
    m = re.match(r"BM_Load(\w+)_(\w+)\s+([\d.]+) ms", line)
    if m: times[(m.group(1), m.group(2))] = float(m.group(3))
for corpus in ("Vectors", "Large"):
    j, b = times.get(("Json", corpus)), times.get(("Binary", corpus))
    if j and b: print(f"{corpus}: binary loads {j / b:.1f}x faster than JSON")
PY
