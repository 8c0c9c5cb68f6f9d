=== about
A comparison in print must be parenthesised to not be a redirection.
=== program
BEGIN { print (2 > 1) ; print (1 > 2) }
=== expected
1
0
=== peers
gawk-posix mawk original-awk
