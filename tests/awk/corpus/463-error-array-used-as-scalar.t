=== about
Using an array as a scalar is an error.
=== program
BEGIN { a[1] = 1; print a + 1 }
=== exit 2
=== peers
gawk-posix mawk original-awk
