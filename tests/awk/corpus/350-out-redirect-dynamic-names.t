=== about
Output file names computed from the data (split a file by key).
=== program
{ print $2 > ($1 ".out") }
END { close("a.out"); close("b.out"); while ((getline l < "a.out") > 0) print "a:", l; while ((getline l < "b.out") > 0) print "b:", l }
=== stdin
a 1
b 2
a 3
=== expected
a: 1
a: 3
b: 2
=== peers
gawk-posix mawk original-awk
