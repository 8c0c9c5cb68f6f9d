=== about
print with a parenthesised comparison and a concatenation.
=== program
BEGIN { x = 5; print "x>3:", (x > 3), "x==5:" (x == 5) }
=== expected
x>3: 1 x==5:1
=== peers
gawk-posix mawk original-awk
