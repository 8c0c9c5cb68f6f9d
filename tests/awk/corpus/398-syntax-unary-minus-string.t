=== about
Unary minus of a string constant converts it to a number.
=== program
BEGIN { print -"3", -"-2", -"abc", - "1e2" }
=== expected
-3 2 0 -100
=== peers
gawk-posix mawk original-awk
