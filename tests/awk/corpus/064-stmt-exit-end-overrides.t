=== about
exit with a code in END replaces the code given by an earlier exit.
=== program
{ exit 1 }
END { exit 7 }
=== stdin
x
=== expected
=== exit 7
=== peers
gawk-posix mawk original-awk
