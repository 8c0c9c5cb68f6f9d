=== about
Assigning a field beyond NF extends the record, with empty fields between, joined by OFS.
=== program
BEGIN { OFS = "-" }
{ $6 = "six"; print; print NF }
=== stdin
a b c
=== expected
a-b-c---six
6
=== peers
gawk-posix mawk original-awk
