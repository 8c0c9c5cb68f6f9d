=== about
return outside a function is a syntax error.
=== program
BEGIN { return 1 }
=== exit 2
=== peers
ours: see docs/awk-compat.md#error-exit-status
