=== about
Unary plus converts to a number.
=== program
{ print +$1, +$1 + 0, -$1 }
=== stdin
12abc
 3.50
abc
-0
=== expected
12 12 -12
3.5 3.5 -3.5
0 0 0
0 0 0
=== peers
gawk-posix mawk original-awk
