=== about
An empty program produces no output and reads no input successfully.
=== program
=== stdin
data
=== expected
=== peers
gawk-posix mawk original-awk
