=== about
Printing the last field of the last line in END.
=== program
END { print $NF }
=== stdin
a b
c d e
=== expected
e
=== peers
gawk-posix mawk original-awk
