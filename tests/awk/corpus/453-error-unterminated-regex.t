=== about
An unterminated regex literal is a syntax error.
=== program
/abc { print }
=== exit 2
=== peers
ours: see docs/awk-compat.md#error-exit-status
