#!/usr/bin/env bash
# End-to-end tests of the `fusevm` command-line tool: help, exit codes, conversions, dis/asm
# round trips of every conformance vector, and hostile files.
# Usage: cli_test.sh FUSEVM_BINARY VECTORS_DIR
set -uo pipefail
FUSEVM="$1"
VECTORS="$2"
WORK="$(mktemp -d)"
trap 'rm -rf "$WORK"' EXIT
failures=0
fail() { echo "FAIL: $*"; failures=$((failures + 1)); }

# expect CODE COMMAND... : runs the command, checks its exit code; output goes to $WORK/out, err.
expect() {
  local want="$1"; shift
  "$@" >"$WORK/out" 2>"$WORK/err"
  local got=$?
  [[ "$got" == "$want" ]] || fail "exit $got (want $want): $* :: $(head -3 "$WORK/err")"
}
contains() { grep -q -- "$2" "$1" || fail "'$2' not in $1: $(head -3 "$1")"; }

# Help for the tool and every command.
expect 0 "$FUSEVM" --help; contains "$WORK/out" "convert"
for cmd in convert dis asm verify run eval ops; do expect 0 "$FUSEVM" "$cmd" --help; contains "$WORK/out" "$cmd"; done
expect 0 "$FUSEVM" --version
expect 1 "$FUSEVM"
expect 1 "$FUSEVM" frobnicate
expect 1 "$FUSEVM" convert only-one-arg.json

# verify: exit codes and messages.
expect 0 "$FUSEVM" verify "$VECTORS/0000_constants_loadint_pos.json"; contains "$WORK/out" "ok"
expect 1 "$FUSEVM" verify "$VECTORS/0026_stack_pop_empty.json"; contains "$WORK/err" "stack underflow"
expect 0 "$FUSEVM" verify "$VECTORS/0021_constants_loadconst_out_of_range.json"; contains "$WORK/err" "warning"
expect 1 "$FUSEVM" verify --strict "$VECTORS/0021_constants_loadconst_out_of_range.json"
expect 0 "$FUSEVM" verify -q "$VECTORS/0000_constants_loadint_pos.json"
[[ ! -s "$WORK/out" ]] || fail "verify -q printed output"

# Conversions through every format give back the same chunk (binary encoding is canonical, so
# equal chunks give equal .fbc bytes).
v="$VECTORS/0393_calls_toplevel_returnvalue_reexecutes.json"
expect 0 "$FUSEVM" convert "$v" "$WORK/a.fbc"
expect 0 "$FUSEVM" convert "$WORK/a.fbc" "$WORK/b.json"
expect 0 "$FUSEVM" convert "$WORK/b.json" "$WORK/c.fvm"
expect 0 "$FUSEVM" convert "$WORK/c.fvm" "$WORK/d.fbc"
cmp -s "$WORK/a.fbc" "$WORK/d.fbc" || fail "json -> fbc -> json -> fvm -> fbc changed the chunk"
expect 0 "$FUSEVM" convert --compact "$WORK/a.fbc" "$WORK/e.json"
[[ $(wc -l <"$WORK/e.json") -le 1 ]] || fail "--compact JSON has newlines"

# asm: verification on by default, -o picks the format, default output name.
printf 'LoadInt 1\nAdd\n' >"$WORK/bad.fvm"
expect 1 "$FUSEVM" asm "$WORK/bad.fvm" -o "$WORK/bad.fbc"; contains "$WORK/err" "stack underflow"
expect 0 "$FUSEVM" asm --no-verify "$WORK/bad.fvm" -o "$WORK/bad.fbc"
printf 'LoadInt 1\nLoadInt 2\nAdd\n' >"$WORK/good.fvm"
expect 0 "$FUSEVM" asm "$WORK/good.fvm"
[[ -s "$WORK/good.fbc" ]] || fail "asm without -o did not write good.fbc"
expect 0 "$FUSEVM" asm "$WORK/good.fvm" -o "$WORK/good.json"; contains "$WORK/good.json" '"LoadInt"'
printf 'LoadInt 1\nFrob 2\n' >"$WORK/typo.fvm"
expect 1 "$FUSEVM" asm "$WORK/typo.fvm"; contains "$WORK/err" "typo.fvm:2:1"

# Hostile and missing files: a message and exit 1, never a crash.
expect 1 "$FUSEVM" dis "$WORK/missing.json"; contains "$WORK/err" "missing.json"
expect 1 "$FUSEVM" dis "$WORK"; contains "$WORK/err" "directory"
expect 1 "$FUSEVM" dis "$WORK/file.txt"; contains "$WORK/err" "extension"
printf '{"ops": [' >"$WORK/cut.json"; expect 1 "$FUSEVM" verify "$WORK/cut.json"
head -c 50 "$WORK/a.fbc" >"$WORK/cut.fbc"; expect 1 "$FUSEVM" verify "$WORK/cut.fbc"
head -c 4096 /dev/urandom >"$WORK/noise.fbc"; expect 1 "$FUSEVM" dis "$WORK/noise.fbc"
python3 -c "print('[' * 100000)" >"$WORK/deep.json"; expect 1 "$FUSEVM" verify "$WORK/deep.json"
expect 1 "$FUSEVM" convert "$v" "$WORK/no/such/dir/out.fbc"

# run: results, exit codes, stats, JSON result, limits, fusion, trace.
printf 'LoadInt 40\nLoadInt 2\nAdd\n' >"$WORK/add.fvm"
expect 0 "$FUSEVM" run "$WORK/add.fvm"
[[ ! -s "$WORK/out" ]] || fail "run printed output without --print-result"
expect 0 "$FUSEVM" run --print-result "$WORK/add.fvm"; contains "$WORK/out" "^42$"
expect 0 "$FUSEVM" run --stats "$WORK/add.fvm"; contains "$WORK/err" "stats: run_ms=[0-9.]* ops=3 load_ms="
expect 0 "$FUSEVM" run --json-result "$WORK/add.fvm"
python3 - "$WORK/out" <<'PY' || fail "run --json-result: wrong object"
import json, sys
o = json.load(open(sys.argv[1]))
assert o == {"status": "ok", "result": "42", "value": {"Int": 42}, "error": None, "stdout": ""}, o
PY
printf 'LoadConst Str "hi"\nPrintLn 1\n.name a\nLoadInt 1\nLoadInt -1\nArraySet a\n' >"$WORK/err.fvm"
expect 1 "$FUSEVM" run "$WORK/err.fvm"; contains "$WORK/err" "err.fvm:6 (ip 4, ArraySet): index -1 out of range"
expect 1 "$FUSEVM" run --json-result "$WORK/err.fvm"
python3 - "$WORK/out" <<'PY' || fail "run --json-result on an error: wrong object"
import json, sys
o = json.load(open(sys.argv[1]))
assert o["status"] == "error" and "index -1 out of range" in o["error"] and o["stdout"] == "hi\n", o
assert o["result"] is None and o["value"] is None, o
PY
printf 'LoadInt 1\nPop\n' >"$WORK/halt.fvm"
expect 0 "$FUSEVM" run --json-result "$WORK/halt.fvm"; contains "$WORK/out" '"status": "halted"'
printf 'top: Nop\nJump top\n' >"$WORK/forever.fvm"
expect 1 "$FUSEVM" run --fuel 5000 "$WORK/forever.fvm"; contains "$WORK/err" "instruction budget exhausted"
expect 1 "$FUSEVM" run --max-stack 50 "$WORK/forever.fvm" --fuel 100000; contains "$WORK/err" "budget"
printf 'top: LoadInt 1\nJump top\n' >"$WORK/grow.fvm"
expect 1 "$FUSEVM" run --max-stack 50 "$WORK/grow.fvm"; contains "$WORK/err" "stack overflow"
expect 0 "$FUSEVM" run --print-result --fuse --no-jit "$(dirname "$0")/../examples/sum_fused.fvm"
contains "$WORK/out" "499999500000 499999500000 499999500000"
expect 0 "$FUSEVM" run --trace "$WORK/add.fvm"; contains "$WORK/err" "Add"
expect 0 "$FUSEVM" run --print-result "$VECTORS/0000_constants_loadint_pos.json"
expect 1 "$FUSEVM" run "$VECTORS/0026_stack_pop_empty.json"; contains "$WORK/err" "stack underflow"
expect 1 "$FUSEVM" run "$WORK/missing.fvm"; contains "$WORK/err" "missing.fvm"

# eval: statements separated by ';'.
expect 0 "$FUSEVM" eval 'LoadInt 40; LoadInt 2; Add'; contains "$WORK/out" "^42$"
expect 1 "$FUSEVM" eval 'LoadInt 1; Frob'; contains "$WORK/err" "Frob"
expect 1 "$FUSEVM" eval --fuel 100 'top: Nop; Jump top'; contains "$WORK/err" "budget"

dot_files=()
# dis --dot: the control-flow graph in Graphviz DOT (rendered by `dot` when it is installed).
fib="$(dirname "$0")/../examples/fib.fvm"
expect 0 "$FUSEVM" dis --dot "$fib"; contains "$WORK/out" "^digraph fusevm {"
contains "$WORK/out" 'label="sub fib"'
contains "$WORK/out" 'c_b0 -> c_b1 \[label="call", style=dashed'
contains "$WORK/out" 'label="taken"'
contains "$WORK/out" 'JumpIfFalse L10\\l'
cp "$WORK/out" "$WORK/fib.dot"
cat >"$WORK/quote.fvm" <<'FVM'
.const Str "q\"b\\s"
LoadConst #0
SetSlot 0
FVM
expect 0 "$FUSEVM" dis --dot "$WORK/quote.fvm"; contains "$WORK/out" 'Str \\"q\\\\\\"b\\\\\\\\s\\"'
cp "$WORK/out" "$WORK/quote.dot"
dot_files+=("$WORK/fib.dot" "$WORK/quote.dot")
for v in 0420_higher_order_mapblock_is_stub_0 0500_shell_nohost_cmdsubst 0393_calls_toplevel_returnvalue_reexecutes; do
  expect 0 "$FUSEVM" dis --dot "$VECTORS/$v.json"; cp "$WORK/out" "$WORK/$v.dot"; dot_files+=("$WORK/$v.dot")
done
contains "$WORK/0420_higher_order_mapblock_is_stub_0.dot" 'label="block", style=dashed'
contains "$WORK/0500_shell_nohost_cmdsubst.dot" 'subgraph cluster_c_0 {'
# run --trace-dot: the compiled traces as a graph. The loop's branch alternates, so the trace
# grows a side path (threshold lowered so that it does so at once).
cat >"$WORK/alternate.fvm" <<'FVM'
        LoadInt 0
        SetSlot 0
        LoadInt 0
        SetSlot 1
loop:   GetSlot 0
        LoadInt 1
        BitAnd
        JumpIfTrue odd
        PreIncSlotVoid 1
odd:    PreIncSlotVoid 0
        GetSlot 0
        LoadInt 5000
        NumLt
        JumpIfTrue loop
        GetSlot 1
FVM
FUSEVM_JIT_CACHE_DIR=off FUSEVM_JIT_TRACE_SIDE_THRESHOLD=2 \
  expect 0 "$FUSEVM" run --print-result --trace-dot "$WORK/trace.dot" "$WORK/alternate.fvm"
contains "$WORK/out" "^2500$"
if grep -q "built without the JIT" "$WORK/trace.dot"; then
  echo "note: no JIT in this build; the trace graph is empty"
else
  contains "$WORK/trace.dot" "^digraph fusevm_traces {"
  contains "$WORK/trace.dot" 'subgraph cluster_t0 {'
  contains "$WORK/trace.dot" 'label="back edge", style=bold'
  contains "$WORK/trace.dot" 'label="loop exit"'
  contains "$WORK/trace.dot" 'side path 0 from snap'
  contains "$WORK/trace.dot" 'label="rejoin"'
  dot_files+=("$WORK/trace.dot")
fi
expect 1 "$FUSEVM" run --trace-dot /nonexistent-dir/t.dot "$WORK/alternate.fvm"; contains "$WORK/err" "cannot write the trace graph"
expect 0 "$FUSEVM" dis --dot --fuse "$(dirname "$0")/../examples/sum_fused.fvm"; contains "$WORK/out" "AccumSumLoop"
if command -v dot >/dev/null; then
  for f in "${dot_files[@]}"; do
    dot -Tsvg "$f" -o "$WORK/g.svg" 2>"$WORK/dot.err" || fail "dot -Tsvg rejected $f: $(head -3 "$WORK/dot.err")"
    [[ ! -s "$WORK/dot.err" ]] || fail "dot warned on $f: $(head -3 "$WORK/dot.err")"
  done
else
  echo "note: graphviz (dot) not installed; the DOT output is not rendered"
fi

# ops: the op table, and the reference docs/ops.md is made from (CTest ops_doc checks it).
expect 0 "$FUSEVM" ops; contains "$WORK/out" "^0	Nop	"
expect 0 "$FUSEVM" ops --markdown; contains "$WORK/out" "^| 1 | \`LoadInt\` | I64 | 0 → 1 |"

# `fusevm dis` then `fusevm asm` gives back the same chunk, for every conformance vector. Four
# processes a vector: the vectors are spread over the cores (a sanitizer build starts slowly).
roundtrip() {  # roundtrip VECTOR...: prints "ok" per vector that round-trips, "FAIL: ..." otherwise
  local v tmp
  tmp="$(mktemp -d "$WORK/rt.XXXXXX")"
  for v in "$@"; do
    "$FUSEVM" convert "$v" "$tmp/orig.fbc" 2>>"$tmp/err" || { echo "FAIL: convert $v"; continue; }
    "$FUSEVM" dis "$v" >"$tmp/t.fvm" 2>>"$tmp/err" || { echo "FAIL: dis $v"; continue; }
    "$FUSEVM" asm --no-verify "$tmp/t.fvm" -o "$tmp/back.fbc" 2>>"$tmp/err" || { echo "FAIL: asm of dis $v"; continue; }
    cmp -s "$tmp/orig.fbc" "$tmp/back.fbc" || { echo "FAIL: dis+asm changed $v"; continue; }
    "$FUSEVM" dis --dot "$v" >"$tmp/t.dot" 2>>"$tmp/err" || { echo "FAIL: dis --dot $v"; continue; }
    echo ok
  done
}
export -f roundtrip
export FUSEVM WORK
printf '%s\0' "$VECTORS"/*.json | xargs -0 -n 25 -P "$(nproc)" bash -c 'roundtrip "$@"' _ >"$WORK/roundtrip.out"
count=$(grep -c '^ok$' "$WORK/roundtrip.out")
while IFS= read -r line; do fail "${line#FAIL: }"; done < <(grep '^FAIL: ' "$WORK/roundtrip.out")
echo "dis/asm round trip: $count vectors"
[[ $count -eq 773 ]] || fail "expected 773 vectors, round-tripped $count"

if ((failures > 0)); then echo "$failures CLI checks failed"; exit 1; fi
echo "all CLI checks passed"
