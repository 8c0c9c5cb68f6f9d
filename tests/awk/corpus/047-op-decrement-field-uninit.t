=== about
Incrementing a field beyond NF creates it.
=== program
{ $5++; print; print NF }
=== stdin
a b
=== expected
a b   1
5
=== peers
gawk-posix mawk original-awk
