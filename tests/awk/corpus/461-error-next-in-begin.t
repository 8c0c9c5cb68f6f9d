=== about
next in BEGIN is an error.
=== program
BEGIN { next }
=== exit 2
=== peers
ours: see docs/awk-compat.md#error-exit-status
