#!/bin/sh
# Runs every tests/minish/*.sh script (and a generated one with a here-document larger than a
# pipe) with /bin/sh and with minish, each in a fresh directory, and requires the same stdout,
# exit status and files. Usage: compare.sh MINISH [SCRIPT...]
set -u
minish=$(cd "$(dirname "$1")" && pwd)/$(basename "$1")
shift
here=$(cd "$(dirname "$0")" && pwd)
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

# A here-document of ~1 MiB, written out as a script.
{
  echo 'cat <<EOF | wc -c'
  i=0
  while [ $i -lt 20000 ]; do
    echo "line $i of a long here-document body, longer than any pipe buffer"
    i=$((i + 1))
  done
  echo 'EOF'
  echo 'echo after'
} > "$work/big_heredoc.sh"

if [ $# -eq 0 ]; then set -- "$here"/*.sh "$work/big_heredoc.sh"; fi
failed=0
passed=0
for script in "$@"; do
  case $script in */compare.sh) continue ;; esac
  name=$(basename "$script")
  for who in sh minish; do
    rm -rf "$work/$who" && mkdir "$work/$who"
    if [ $who = sh ]; then runner=/bin/sh; else runner=$minish; fi
    (cd "$work/$who" && "$runner" "$script" > "$work/$who.out" 2> "$work/$who.err"; echo $? > "$work/$who.status")
    (cd "$work/$who" && for f in *; do [ -f "$f" ] && printf '%s: ' "$f" && cksum < "$f"; done) > "$work/$who.files"
  done
  if cmp -s "$work/sh.out" "$work/minish.out" && cmp -s "$work/sh.status" "$work/minish.status" &&
     cmp -s "$work/sh.files" "$work/minish.files"; then
    passed=$((passed + 1))
  else
    failed=$((failed + 1))
    echo "FAIL $name"
    diff "$work/sh.out" "$work/minish.out" | head -n 20
    echo "status: sh $(cat "$work/sh.status"), minish $(cat "$work/minish.status")"
    diff "$work/sh.files" "$work/minish.files" | head -n 10
    sed 's/^/minish stderr: /' "$work/minish.err" | head -n 10
  fi
done
echo "$passed passed, $failed failed"
[ $failed -eq 0 ]
