=== about
Assignment is right-associative and is an expression.
=== program
BEGIN { a = b = c = 4; print a, b, c; print (d = 7) + 1, d; e += f += 2; print e, f }
=== expected
4 4 4
8 7
2 2
=== peers
gawk-posix mawk original-awk
