=== about
Ranges with numeric expressions on NR.
=== program
NR == 2, NR == 4 { printf "%s ", $0 }
END { print "" }
=== stdin
a
b
c
d
e
=== expected
b c d 
=== peers
gawk-posix mawk original-awk
