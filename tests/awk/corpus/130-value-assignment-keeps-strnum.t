=== about
Assigning a field to a variable keeps its numeric-string nature.
=== program
{ x = $1; y = $2; print (x < y) }
=== stdin
10 9
2 10
=== expected
0
1
=== peers
gawk-posix mawk original-awk
