=== about
Numeric strings compare as numbers (10 > 9) while non-numeric strings compare as text.
=== program
{ print $1, $2, ($1 < $2) }
=== stdin
10 9
9 10
10 9a
abc abd
-1 -2
1e3 999
=== expected
10 9 0
9 10 1
10 9a 1
abc abd 1
-1 -2 0
1e3 999 0
=== peers
gawk-posix mawk original-awk
