=== about
getline from a file that does not exist returns -1.
=== program
BEGIN { r = (getline line < "no/such/file"); print r; print (getline < "also-missing") }
=== expected
-1
-1
=== peers
gawk-posix mawk original-awk
