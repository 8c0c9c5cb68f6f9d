=== about
exit with an expression sets the exit status.
=== program
{ sum += $1 }
END { print sum; exit sum > 10 ? 3 : 0 }
=== stdin
5
9
=== expected
14
=== exit 3
=== peers
gawk-posix mawk original-awk
