=== about
A NaN (from log of a negative number) is not equal to itself (IEEE, as gawk); no warning text is checked.
=== program
BEGIN { x = log(-1); print (x == x), (x != x), (x < 1), (x > 1) }
=== expected
0 1 0 0
=== peers
ours: see docs/awk-compat.md#inf-nan
