=== about
getline returns 0 at end of file and leaves the variable unchanged.
=== program
BEGIN { f = "one.txt"; while ((r = (getline l < f)) > 0) print "read", l; print "r", r, "l", l; print (getline l < f) }
=== file one.txt
only line
=== expected
read only line
r 0 l only line
0
=== peers
gawk-posix mawk original-awk
