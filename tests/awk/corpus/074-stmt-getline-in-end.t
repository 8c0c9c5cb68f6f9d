=== about
getline in END returns 0 when input is exhausted.
=== program
END { r = getline; print r, $0 }
=== stdin
only
=== expected
0 only
=== peers
gawk-posix mawk original-awk
