=== about
Blocks, empty statements and nested blocks.
=== program
BEGIN { ; { { x = 1 } ; } ; if (x) { } else ; print "x", x ; }
=== expected
x 1
=== peers
gawk-posix mawk original-awk
