=== about
Uninitialised values compare equal to both 0 and "".
=== program
BEGIN { print (u == 0), (u == ""), (u < 1), (u "" == ""), length(u), (u + 0 == 0) }
=== expected
1 1 1 1 0 1
=== peers
gawk-posix mawk original-awk
