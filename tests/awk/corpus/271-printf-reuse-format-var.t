=== about
The format may be a variable or a concatenation.
=== program
BEGIN { w = 6; fmt = "%" w "s|%-" w "s|\n"; printf fmt, "r", "l" }
=== expected
     r|l     |
=== peers
gawk-posix mawk original-awk
