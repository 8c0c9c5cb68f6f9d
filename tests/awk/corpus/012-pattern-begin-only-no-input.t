=== about
A program with only BEGIN does not read input.
=== program
BEGIN { print "hello"; print NR }
=== stdin
not read
=== expected
hello
0
=== peers
gawk-posix mawk original-awk
