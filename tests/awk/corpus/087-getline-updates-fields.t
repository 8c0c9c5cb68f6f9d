=== about
After plain getline, fields are re-split with the current FS.
=== program
BEGIN { FS = "," }
NR == 1 { getline; print $2, NF }
=== stdin
a,b
c,d,e
=== expected
d 3
=== peers
gawk-posix mawk original-awk
