=== about
An uninitialised variable used as a subscript is the empty string key.
=== program
BEGIN { a[u] = "empty-key"; print a[""]; print ("" in a), (0 in a); n = 0; for (k in a) n++; print n }
=== expected
empty-key
1 0
1
=== peers
gawk-posix mawk original-awk
