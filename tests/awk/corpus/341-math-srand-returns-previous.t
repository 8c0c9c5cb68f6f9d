=== about
srand returns the previous seed.
=== program
BEGIN { srand(10); print srand(20); print srand(7) }
=== expected
10
20
=== peers
gawk-posix mawk original-awk
