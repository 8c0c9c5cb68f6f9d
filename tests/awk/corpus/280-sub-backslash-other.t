=== about
A backslash before an ordinary character in the replacement is kept.
=== program
{ sub(/x/, "\\q"); print }
=== stdin
axb
=== expected
a\qb
=== peers
gawk-posix mawk original-awk
