=== about
delete removes a single element; the rest remain.
=== program
BEGIN { a[1]; a[2]; a[3]; delete a[2]; print (1 in a), (2 in a), (3 in a); delete a[99]; n = 0; for (k in a) n++; print n }
=== expected
1 0 1
2
=== peers
gawk-posix mawk original-awk
