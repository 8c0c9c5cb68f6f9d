=== about
%d and %i of integers, fractions (truncated toward zero), negatives and numeric strings.
=== program
BEGIN { printf "%d %i %d %d %d %d\n", 42, -7, 3.99, -3.99, "12abc", "  8" }
=== expected
42 -7 3 -3 12 8
=== peers
gawk-posix mawk original-awk
