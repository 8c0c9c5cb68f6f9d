=== about
An assignment used as a pattern is true when the assigned value is true.
=== program
x = $2 { print "got", x }
=== stdin
a 1
b 0
c
d word
=== expected
got 1
got word
=== peers
gawk-posix mawk original-awk
