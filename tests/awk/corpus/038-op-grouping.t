=== about
Parentheses override precedence; * / % bind tighter than + -.
=== program
BEGIN { print 2 + 3 * 4, (2 + 3) * 4, 20 / 4 / 5, 20 / (4 / 5), 7 - 2 - 1, 2 * 3 % 4, -3 % 2 * 2 }
=== expected
14 20 1 25 4 2 -2
=== peers
gawk-posix mawk original-awk
