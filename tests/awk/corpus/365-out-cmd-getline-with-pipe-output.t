=== about
A command used for both writing (through sort) and reading back via a file.
=== program
BEGIN { cmd = "sort -r > sorted.txt"; print "a" | cmd; print "c" | cmd; print "b" | cmd; close(cmd); while ((getline l < "sorted.txt") > 0) printf "%s", l; print "" }
=== expected
cba
=== peers
gawk-posix mawk original-awk
