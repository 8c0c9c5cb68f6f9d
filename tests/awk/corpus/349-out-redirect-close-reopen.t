=== about
After close(), print > file truncates again.
=== program
BEGIN { print "first" > "f.txt"; print "second" > "f.txt"; close("f.txt"); print "third" > "f.txt"; close("f.txt"); while ((getline l < "f.txt") > 0) print "read:", l }
=== expected
read: third
=== expect-file f.txt
third
=== peers
gawk-posix mawk original-awk
