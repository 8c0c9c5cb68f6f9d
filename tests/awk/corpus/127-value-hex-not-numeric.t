=== about
"0x1A" is not a numeric string in POSIX mode: it converts to 0 and compares as text.
=== program
{ print $1 + 0, ($1 == 26), ($1 < "0y") }
=== stdin
0x1A
=== expected
0 0 1
=== peers
ours: see docs/awk-compat.md#hex-strings
