=== about
An empty dynamic regex matches every string.
=== program
BEGIN { e = "" }
{ print ($0 ~ e) }
=== stdin
abc

=== expected
1
1
=== peers
gawk-posix mawk original-awk
