=== about
A concatenation is always a string, even of numeric fields.
=== program
{ x = $1 ""; y = $2 ""; print (x < y), ($1 < $2) }
=== stdin
10 9
=== expected
1 0
=== peers
gawk-posix mawk original-awk
