=== about
Numeric strings from input behave as numbers in arithmetic; non-numeric give their prefix.
=== program
{ s += $1 } END { print s }
=== stdin
10
2.5
3abc
abc
-1.5
=== expected
14
=== peers
gawk-posix mawk original-awk
