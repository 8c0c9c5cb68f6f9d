=== about
ORS and OFS apply to print redirected to files too.
=== program
BEGIN { OFS = "-"; ORS = "!\n"; print "a", "b" > "o.txt" }
=== expected
=== expect-file o.txt
a-b!
=== peers
gawk-posix mawk original-awk
