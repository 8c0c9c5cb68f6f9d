=== about
getline from a directory or missing file returns -1 without stopping the program.
=== program
BEGIN { r = (getline x < "nonexistent/dir/file"); print "r", r, "continuing" }
=== expected
r -1 continuing
=== peers
gawk-posix mawk original-awk
