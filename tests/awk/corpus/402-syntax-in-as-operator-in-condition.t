=== about
`in` inside an if condition and in a for loop header.
=== program
BEGIN { a["x"]; if ("x" in a) print "yes"; for (k in a) print "key", k }
=== expected
yes
key x
=== peers
gawk-posix mawk original-awk
