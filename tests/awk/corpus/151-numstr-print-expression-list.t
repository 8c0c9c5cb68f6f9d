=== about
print with commas uses OFS; print with no argument prints $0; print "" prints an empty line.
=== program
BEGIN { OFS = "-" }
{ print $1, $2; print; print ""; print $1 $2 }
=== stdin
a b
=== expected
a-b
a b

ab
=== peers
gawk-posix mawk original-awk
