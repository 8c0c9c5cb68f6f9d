=== about
Division yields fractions; integer-valued results print as integers.
=== program
BEGIN { print 7 / 2, 6 / 3, 1 / 3, -1 / 4, 1e6 / 1e3, 2 / 3 * 3 }
=== expected
3.5 2 0.333333 -0.25 1000 2
=== peers
gawk-posix mawk original-awk
