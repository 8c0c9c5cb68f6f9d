=== about
An extra closing brace is a syntax error.
=== program
BEGIN { print "x" } }
=== exit 2
=== peers
ours: see docs/awk-compat.md#error-exit-status
