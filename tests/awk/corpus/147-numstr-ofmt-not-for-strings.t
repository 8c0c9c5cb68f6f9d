=== about
OFMT does not affect strings, numeric strings from input, or integers.
=== program
BEGIN { OFMT = "%.1f" }
{ print $1, $1 + 0, $1 * 2 }
=== stdin
3.14159
2
=== expected
3.14159 3.1 6.3
2 2 4
=== peers
gawk-posix mawk original-awk
