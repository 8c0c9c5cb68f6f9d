=== about
Testing with `in` does not create elements, while a reference does.
=== program
BEGIN { if ("x" in a) print "bad"; n = 0; for (k in a) n++; print n; t = a["x"]; n = 0; for (k in a) n++; print n }
=== expected
0
1
=== peers
gawk-posix mawk original-awk
