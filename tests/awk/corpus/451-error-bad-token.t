=== about
A character that is not part of awk's syntax is an error.
=== program
BEGIN { x = 1 @ 2 }
=== exit 2
=== peers
ours: see docs/awk-compat.md#error-exit-status
