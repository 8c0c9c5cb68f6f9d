=== about
An FS=value operand before a file applies to that file.
=== program
{ print $1 }
=== operands
FS=, data.csv
=== file data.csv
k1,v1
k2,v2
=== expected
k1
k2
=== peers
gawk-posix mawk original-awk
