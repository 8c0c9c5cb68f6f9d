=== about
print uses OFMT for non-integral numbers; the default is %.6g.
=== program
BEGIN { x = 3.14159265358979; print x; OFMT = "%.2f"; print x; print x, x + 1; print 2.0, 17 }
=== expected
3.14159
3.14
3.14 4.14
2 17
=== peers
gawk-posix mawk original-awk
