=== about
match returns RSTART and sets RLENGTH for the leftmost-longest match.
=== program
{ if (match($0, /[a-z]+[0-9]+/)) print RSTART, RLENGTH, substr($0, RSTART, RLENGTH); else print "no match", RSTART, RLENGTH }
=== stdin
--abc123--xy9
12345
=== expected
3 6 abc123
no match 0 -1
=== peers
gawk-posix mawk original-awk
