=== about
/ after an operand is division, otherwise it starts a regex.
=== program
{ a = $1 / 2; b = $1/2/1; print a, b, /2/ }
=== stdin
8
=== expected
4 4 0
=== peers
gawk-posix mawk original-awk
