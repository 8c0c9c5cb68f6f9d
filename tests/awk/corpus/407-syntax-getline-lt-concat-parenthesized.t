=== about
getline < (dir "/" file) with the concatenation parenthesised.
=== program
BEGIN { d = "sub"; system("mkdir -p sub && echo inner > sub/f"); getline x < (d "/f"); print x }
=== expected
inner
=== peers
gawk-posix mawk original-awk
