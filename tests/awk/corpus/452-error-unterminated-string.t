=== about
An unterminated string constant is a syntax error.
=== program
BEGIN { print "abc }
=== exit 2
=== peers
ours: see docs/awk-compat.md#error-exit-status
