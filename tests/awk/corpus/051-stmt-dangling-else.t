=== about
else binds to the nearest if.
=== program
{ if ($1 > 0) if ($1 > 5) print "big"; else print "positive small" }
=== stdin
3
9
-1
=== expected
positive small
big
=== peers
gawk-posix mawk original-awk
