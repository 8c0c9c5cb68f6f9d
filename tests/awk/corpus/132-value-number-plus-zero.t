=== about
Adding 0 makes a numeric string a number for comparisons.
=== program
{ print ($1 + 0 < $2 + 0), ($1 "" < $2 "") }
=== stdin
10 9
=== expected
0 1
=== peers
gawk-posix mawk original-awk
