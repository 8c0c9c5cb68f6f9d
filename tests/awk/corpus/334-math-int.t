=== about
int truncates toward zero.
=== program
BEGIN { print int(3.9), int(-3.9), int("4.5abc"), int(0.1), int(-0.1) + 0, int(1e10 + 0.5) }
=== expected
3 -3 4 0 0 10000000000
=== peers
ours: see docs/awk-compat.md#huge-integers
