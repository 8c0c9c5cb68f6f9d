=== about
Setting NF to 0 empties the record.
=== program
{ NF = 0; print "[" $0 "]", NF }
=== stdin
a b c
=== expected
[] 0
=== peers
gawk-posix mawk original-awk
