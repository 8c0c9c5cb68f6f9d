=== about
Swapping the first two fields.
=== inline
=== program
{ t = $1; $1 = $2; $2 = t; print }
=== stdin
a b c
1 2
=== expected
b a c
2 1
=== peers
gawk-posix mawk original-awk
