=== about
An unbalanced parenthesis is a syntax error.
=== program
BEGIN { print (1 + 2 }
=== exit 2
=== peers
ours: see docs/awk-compat.md#error-exit-status
