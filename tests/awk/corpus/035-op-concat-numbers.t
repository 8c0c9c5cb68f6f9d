=== about
Concatenating numbers converts them to strings; 1 2 is "12".
=== program
BEGIN { x = 1 2; print x, x + 1, length(x); y = 0.5 1; print y }
=== expected
12 13 2
0.51
=== peers
gawk-posix mawk original-awk
