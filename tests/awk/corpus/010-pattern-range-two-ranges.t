=== about
Two independent ranges keep their own state.
=== program
/a/,/c/ { print "r1", $0 }
/b/,/d/ { print "r2", $0 }
=== stdin
a
b
c
d
e
=== expected
r1 a
r1 b
r2 b
r1 c
r2 c
r2 d
=== peers
gawk-posix mawk original-awk
