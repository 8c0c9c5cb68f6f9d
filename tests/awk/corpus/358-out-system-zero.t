=== about
system of a successful command returns 0.
=== program
BEGIN { print system("true"), system("false") }
=== expected
0 1
=== peers
ours: see docs/awk-compat.md#system-status
