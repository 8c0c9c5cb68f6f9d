=== about
Negative zero: -0 as a constant expression and computed results.
=== program
BEGIN { x = -0; print x; y = 0 * -1; print y; printf "%d %s\n", y, y "" }
=== expected
0
0
0 0
=== peers
gawk-posix mawk original-awk
