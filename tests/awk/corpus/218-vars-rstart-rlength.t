=== about
match sets RSTART and RLENGTH; on failure RSTART 0 and RLENGTH -1.
=== program
{ r = match($0, /[0-9]+/); print r, RSTART, RLENGTH }
=== stdin
abc123def
no digits
42
=== expected
4 4 3
0 0 -1
1 1 2
=== peers
gawk-posix mawk original-awk
