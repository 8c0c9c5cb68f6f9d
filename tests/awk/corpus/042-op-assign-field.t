=== about
Assigning to fields with compound assignment.
=== program
{ $2 += 100; $1 = $1 "!"; $3 *= 2; print; print NF }
=== stdin
a 1 2
=== expected
a! 101 4
3
=== peers
gawk-posix mawk original-awk
