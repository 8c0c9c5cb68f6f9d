#!/usr/bin/env bash
# Fails when docs/ops.md is not what `fusevm ops --markdown` generates from the compiled-in op
# table, so that the op reference cannot drift from ops.def.
# Usage: check_ops_doc.sh FUSEVM_BINARY DOCS_OPS_MD
set -uo pipefail
FUSEVM="$1"
DOC="$2"
fresh="$(mktemp)"
trap 'rm -f "$fresh"' EXIT
"$FUSEVM" ops --markdown -o "$fresh" || { echo "FAIL: fusevm ops --markdown failed"; exit 1; }
if ! diff -u "$DOC" "$fresh"; then
  echo "FAIL: $DOC is stale; regenerate it: cmake --build BUILD --target ops_doc"
  exit 1
fi
echo "ok: $DOC matches the op table"
