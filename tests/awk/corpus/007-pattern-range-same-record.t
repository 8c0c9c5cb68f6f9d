=== about
A range whose start and end both match the same record covers only that record.
=== program
/S.*E|S/,/E/ { print NR, $0 }
=== stdin
x
S and E
y
S only
z
E here
w
=== expected
2 S and E
4 S only
5 z
6 E here
=== peers
gawk-posix mawk original-awk
