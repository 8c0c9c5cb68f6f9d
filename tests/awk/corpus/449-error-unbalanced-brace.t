=== about
A missing closing brace is a syntax error (exit 2).
=== program
BEGIN { print "x"
=== exit 2
=== peers
ours: see docs/awk-compat.md#error-exit-status
