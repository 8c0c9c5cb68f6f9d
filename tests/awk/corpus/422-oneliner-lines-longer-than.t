=== about
Printing lines longer than 5 characters.
=== inline
=== program
length($0) > 5
=== stdin
short
longer line
tiny
exactly
=== expected
longer line
exactly
=== peers
gawk-posix mawk original-awk
