=== about
Large non-integral values use %.6g.
=== program
BEGIN { print 1e15 + 0.5, 123456789.25, -987654.321 }
=== expected
1e+15 1.23457e+08 -987654
=== peers
gawk-posix mawk original-awk
