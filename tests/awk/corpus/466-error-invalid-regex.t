=== about
A malformed regex literal (unbalanced parenthesis) is an error.
=== program
$0 ~ /a(b/ { print }
=== stdin
ab
=== exit 2
=== peers
ours: see docs/awk-compat.md#error-exit-status
