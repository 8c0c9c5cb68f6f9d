=== about
The result of substr is a string, so it compares as text.
=== program
{ a = substr($1, 1); print (a < $2), ($1 < $2) }
=== stdin
10 9
=== expected
1 0
=== peers
gawk-posix mawk original-awk
