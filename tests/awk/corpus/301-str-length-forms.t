=== about
length with and without parentheses, of $0, a field, a number and a string.
=== program
{ print length, length(), length($0), length($2), length(12345), length(1/4), length("") }
=== stdin
hello big world
=== expected
15 15 15 3 5 4 0
=== peers
gawk-posix mawk original-awk
