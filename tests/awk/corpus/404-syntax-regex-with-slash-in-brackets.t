=== about
A slash inside a bracket expression of a regex literal, written escaped (portable form).
=== program
{ print ($0 ~ /a[\/]b/) }
=== stdin
a/b
ab
=== expected
1
0
=== peers
gawk-posix mawk original-awk
