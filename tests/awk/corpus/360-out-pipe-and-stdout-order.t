=== about
Output to a pipe appears when the pipe is closed.
=== program
BEGIN { print "p1" | "cat"; close("cat"); print "s1"; print "p2" | "cat"; close("cat"); print "s2" }
=== expected
p1
s1
p2
s2
=== peers
gawk-posix mawk original-awk
