=== about
system() sees data written to a file only after close (flush) of that file.
=== program
BEGIN { print "data" > "s.txt"; close("s.txt"); system("cat s.txt") }
=== expected
data
=== peers
gawk-posix mawk original-awk
