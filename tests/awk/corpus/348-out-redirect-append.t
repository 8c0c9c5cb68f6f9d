=== about
print >> file appends to existing content.
=== program
{ print "new", $0 >> "log.txt" }
=== stdin
a
b
=== file log.txt
existing line
=== expected
=== expect-file log.txt
existing line
new a
new b
=== peers
gawk-posix mawk original-awk
