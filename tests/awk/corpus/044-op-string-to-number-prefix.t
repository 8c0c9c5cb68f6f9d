=== about
Strings used as numbers take their leading numeric prefix; non-numeric text is 0.
=== program
BEGIN { print "3abc" + 1, "abc" + 1, " 12 " * 2, "1e2x" + 0, ".5." + 0, "+-3" + 0, "-.25e1" + 0 }
=== expected
4 1 24 100 0.5 0 -2.5
=== peers
gawk-posix mawk original-awk
