=== about
match with a dynamic regex string.
=== program
BEGIN { re = "o+" }
{ print match($0, re), RSTART, RLENGTH }
=== stdin
foooo
bar
=== expected
2 2 4
0 0 -1
=== peers
gawk-posix mawk original-awk
