=== about
ORS is appended after each print.
=== program
BEGIN { ORS = "; " }
{ print $1 }
END { ORS = "\n"; print "" }
=== stdin
x
y
z
=== expected
x; y; z; 
=== peers
gawk-posix mawk original-awk
