#!/usr/bin/env bash
# The main demo: runs programs on the interpreter (results, fusion, errors, limits), checks the
# original's whole conformance corpus through `fusevm run --json-result`, times the original's
# bench chunks and (when Lua is installed) the peer suite, runs fusevm awk (a report, the JIT on
# a loop, errors, the sandbox, its conformance corpus), then shows the chunk formats: assembly,
# verification, conversion, round trips and load speed.
set -euo pipefail
cd "$(dirname "$0")/.."
BUILD="${BUILD:-build/release}"
FUSEVM="$BUILD/tools/fusevm/fusevm"
OUT="$(mktemp -d)"
trap 'rm -rf "$OUT"' EXIT
say() { printf '\n\033[1m== %s\033[0m\n' "$*"; }

say "run examples/fib.fvm (fib(20) by recursion)"
"$FUSEVM" run --print-result --stats examples/fib.fvm

say "examples/sum_fused.fvm: a plain loop, fused ops, one fused loop op; then with automatic fusion"
"$FUSEVM" run --print-result --stats examples/sum_fused.fvm
"$FUSEVM" run --print-result --stats --fuse examples/sum_fused.fvm

say "eval, and errors that say where"
"$FUSEVM" eval 'LoadInt 40; LoadInt 2; Add'
"$FUSEVM" eval 'LoadInt 1; LoadInt -1; ArraySet a' || true
"$FUSEVM" eval --json-result 'LoadConst Str "hello"; PrintLn 1; LoadInt 7'

say "limits stop runaway programs with their own errors"
"$FUSEVM" eval --fuel 1000000 'top: Nop; Jump top' || true
"$FUSEVM" eval --max-stack 10000 'top: LoadInt 1; Jump top' || true
"$FUSEVM" eval --max-depth 1000 '.sub f f_entry; Call f 0; f_entry: Call f 0' || true

say "the JIT: mandelbrot interpreted, then compiled (jit_ops: ops that ran as native code)"
"$FUSEVM" run --no-jit --stats bench/peers/mandelbrot.fvm
"$FUSEVM" run --stats bench/peers/mandelbrot.fvm
say "the JIT's events: fib(20) compiled at once, its recursion native (FUSEVM_JIT_LOG=info)"
"$FUSEVM" run --print-result --stats --jit-eager --jit-log info examples/fib.fvm

say "the original's conformance corpus through fusevm run --json-result"
python3 scripts/check_vectors.py --fusevm "$FUSEVM" | tail -1

say "the original's bench chunks against the original's own timings"
python3 bench/peers/upstream_chunks.py --fusevm "$FUSEVM" --runs 1 2>/dev/null | tail -19

say "fusevm (JIT and interpreter) beside C, Lua 5.4 and LuaJIT with and without its JIT (one quick run each)"
if command -v lua5.4 >/dev/null 2>&1; then
  python3 bench/peers/run_peers.py --fusevm "$FUSEVM" --quick --skip python,perl 2>/dev/null | tail -16
else
  echo "(lua5.4 is not installed: scripts/install-deps.sh --with-peers adds the peers)"
fi

say "fusevm awk: a sales report (examples/report.awk) compiled to fusevm bytecode and run"
"$FUSEVM" awk -F'\t' -f examples/report.awk examples/sales.tsv
echo "--- the first lines of its chunk (fusevm awk --dump)"
"$FUSEVM" awk --dump -F'\t' -f examples/report.awk | head -12
echo "--- a numeric loop: interpreted, then with the JIT"
for mode in --no-jit ""; do
  start=$(date +%s%N)
  "$FUSEVM" awk $mode 'BEGIN { for (i = 0; i < 5000000; i++) s += i % 7; print "sum", s }'
  echo "  ${mode:-jit}: $(( ($(date +%s%N) - start) / 1000000 )) ms"
done
echo "--- errors say where; the sandbox refuses commands"
"$FUSEVM" awk 'BEGIN { x = 1 +  }' || true
"$FUSEVM" awk '{ print $1 / $2 }' <<<"4 0" || true
"$FUSEVM" awk --sandbox 'BEGIN { system("rm -rf /tmp/x") }' || true
echo "--- the awk conformance corpus (checked against gawk --posix, mawk and original-awk)"
python3 tests/awk/run_corpus.py --awk "$FUSEVM awk" | tail -1

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
"$BUILD/bench/fusevm_bench" --benchmark_filter='BM_Load(Json|Binary|Text)_' --benchmark_min_time=0.2 \
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
