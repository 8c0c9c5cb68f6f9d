=== about
getline can store into a field, rebuilding $0.
=== program
NR == 1 { getline $2 < "w.txt"; print; print NF }
=== stdin
a b c
=== file w.txt
XYZ
=== expected
a XYZ c
3
=== peers
gawk-posix mawk original-awk
