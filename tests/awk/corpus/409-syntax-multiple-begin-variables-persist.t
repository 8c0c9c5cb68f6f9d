=== about
Variables set in BEGIN persist into rules and END.
=== program
BEGIN { count = 100 }
{ count++ }
END { print count }
=== stdin
a
b
=== expected
102
=== peers
gawk-posix mawk original-awk
