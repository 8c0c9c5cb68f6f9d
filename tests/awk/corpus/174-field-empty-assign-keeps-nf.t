=== about
Assigning "" to a field keeps NF; the record gets an empty field.
=== program
{ $3 = ""; print; print NF }
=== stdin
a b c d
=== expected
a b  d
4
=== peers
gawk-posix mawk original-awk
