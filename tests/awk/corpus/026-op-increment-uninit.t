=== about
Incrementing an uninitialised variable starts from 0; x++ yields 0.
=== program
BEGIN { print n++; print n; print ++m; print a["k"]++, a["k"] }
=== expected
0
1
1
0 1
=== peers
gawk-posix mawk original-awk
