=== about
fflush() flushes output so a following command's output comes after it.
=== program
BEGIN { print "line 1"; fflush(); system("echo line 2"); print "line 3" }
=== expected
line 1
line 2
line 3
=== peers
gawk-posix mawk original-awk
