#!/usr/bin/env bash
# Regenerates the committed seed corpora of the fuzz targets (fuzz/corpus/<target>/) from a sample
# of the conformance vectors, the bench chunks and the examples. Needs a built `fusevm` tool.
set -euo pipefail
cd "$(dirname "$0")/.."
FUSEVM="${FUSEVM:-build/dev/tools/fusevm/fusevm}"
rm -rf fuzz/corpus && mkdir -p fuzz/corpus/{json,binary,assembler,verifier,run}
tmp="$(mktemp -d)"; trap 'rm -rf "$tmp"' EXIT
i=0
for f in tests/data/conformance/upstream-v0.13.6/vectors/*.json bench/chunks/[0-9]*.json examples/*.fvm; do
  i=$((i + 1))
  case "$f" in *.json) ((i % 9 == 0)) || [[ "$f" == bench/* ]] || continue ;; esac
  name="$(basename "${f%.*}")"
  "$FUSEVM" convert "$f" "$tmp/c.fbc" 2>/dev/null || continue
  "$FUSEVM" convert "$tmp/c.fbc" "fuzz/corpus/json/$name.json"
  "$FUSEVM" dis "$tmp/c.fbc" >"fuzz/corpus/assembler/$name.fvm"
  cp "$tmp/c.fbc" "fuzz/corpus/binary/$name.fbc"
  tail -c +41 "$tmp/c.fbc" >"fuzz/corpus/binary/$name.payload"   # the fuzz target adds a valid header
  tail -c +41 "$tmp/c.fbc" >"fuzz/corpus/verifier/$name.payload"
done
# The interpreter's target starts from every vector: together they run every op.
for f in tests/data/conformance/upstream-v0.13.6/vectors/*.json bench/chunks/[0-9]*.json examples/*.fvm; do
  "$FUSEVM" convert "$f" "$tmp/c.fbc" 2>/dev/null || continue
  tail -c +41 "$tmp/c.fbc" >"fuzz/corpus/run/$(basename "${f%.*}").payload"
done
for t in json binary assembler verifier run; do echo "$t: $(ls fuzz/corpus/$t | wc -l) seeds"; done
