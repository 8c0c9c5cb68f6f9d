=== about
A value read by getline var is a numeric string: it compares numerically.
=== program
BEGIN { getline x < "n.txt"; getline y < "n.txt"; print (x < y), (x == 10) }
=== file n.txt
10
9
=== expected
0 1
=== peers
gawk-posix mawk original-awk
