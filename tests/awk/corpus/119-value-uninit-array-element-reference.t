=== about
Referencing a missing element creates it (but `in` does not).
=== program
BEGIN { if (a["x"] == "") print "empty"; print ("x" in a); if ("y" in a) print "no"; print ("y" in a) }
=== expected
empty
1
0
=== peers
gawk-posix mawk original-awk
