=== about
Calling a function that is never defined is an error.
=== program
BEGIN { print "start"; nosuchfunc(1) }
=== exit 2
=== peers
gawk-posix mawk original-awk
