=== about
A comparison inside print needs parentheses; (a < b) < c compares the 0/1 result.
=== program
BEGIN { a = 3; b = 2; c = 1; print ((a > b) > c), ((a > b) == 1), ((a < b) < c) }
=== expected
0 1 1
=== peers
gawk-posix mawk original-awk
