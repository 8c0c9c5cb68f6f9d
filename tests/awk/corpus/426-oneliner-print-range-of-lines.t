=== about
Printing lines 2 to 3 with NR ranges.
=== inline
=== program
NR == 2, NR == 3
=== stdin
l1
l2
l3
l4
=== expected
l2
l3
=== peers
gawk-posix mawk original-awk
