=== about
exit inside END stops END at once; the code given earlier is kept when exit has no argument.
=== program
BEGIN { exit 5 }
END { print "in end"; exit; print "not reached" }
=== expected
in end
=== exit 5
=== peers
gawk-posix mawk original-awk
