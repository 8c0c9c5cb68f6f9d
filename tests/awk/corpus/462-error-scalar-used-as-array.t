=== about
Using a scalar variable as an array is an error.
=== program
BEGIN { x = 1; x[1] = 2; print "no" }
=== exit 2
=== peers
gawk-posix mawk original-awk
