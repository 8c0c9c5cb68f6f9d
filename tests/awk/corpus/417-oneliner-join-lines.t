=== about
Joining all lines with commas.
=== program
{ out = (NR == 1 ? $0 : out "," $0) }
END { print out }
=== stdin
a
b
c
=== expected
a,b,c
=== peers
gawk-posix mawk original-awk
