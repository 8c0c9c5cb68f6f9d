=== about
close of an open file returns 0.
=== program
BEGIN { print "x" > "c.txt"; print close("c.txt") }
=== expected
0
=== peers
gawk-posix mawk original-awk
