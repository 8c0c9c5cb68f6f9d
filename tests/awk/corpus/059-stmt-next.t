=== about
next skips the remaining rules for the current record.
=== program
/skip/ { next }
{ print "1:", $0 }
{ print "2:", $0 }
=== stdin
a
skip me
b
=== expected
1: a
2: a
1: b
2: b
=== peers
gawk-posix mawk original-awk
