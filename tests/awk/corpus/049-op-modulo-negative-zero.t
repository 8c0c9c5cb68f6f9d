=== about
Remainder results that are integral print as integers.
=== program
BEGIN { x = 9 % 3; y = 2^31 % 7; print x, y, 1e10 % 1000 }
=== expected
0 2 0
=== peers
gawk-posix mawk original-awk
