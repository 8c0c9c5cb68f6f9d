=== about
Changing RS applies to the following records.
=== program
NR == 1 { RS = ","; print "first:", $0; next }
{ print "then:", $0 }
=== stdin-raw
"line one\na,b,c"
=== expected
first: line one
then: a
then: b
then: c
=== peers
gawk-posix mawk original-awk
