=== about
The same seed gives the same sequence.
=== program
BEGIN { srand(5); a = rand(); b = rand(); srand(5); c = rand(); d = rand(); print (a == c && b == d), (a != b) }
=== expected
1 1
=== peers
gawk-posix mawk original-awk
