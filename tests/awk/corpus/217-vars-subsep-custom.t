=== about
SUBSEP can be changed; the new value joins later subscripts.
=== program
BEGIN { SUBSEP = ":"; a["x", "y"] = 1; for (k in a) print k; print (("x", "y") in a), ("x:y" in a) }
=== expected
x:y
1 1
=== peers
gawk-posix mawk original-awk
