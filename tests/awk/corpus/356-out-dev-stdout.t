=== about
print > "/dev/stdout" interleaves correctly with ordinary print (gawk special file; gawk --posix opens the real file).
=== gawk-ext
=== program
BEGIN { print "one"; print "two" > "/dev/stdout"; print "three" }
=== expected
one
two
three
=== peers
gawk mawk original-awk
