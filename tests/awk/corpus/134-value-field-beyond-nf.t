=== about
A field beyond NF is the empty string: $5 == 0 is false (all reference awks agree).
=== program
{ print ($5 == 0), ($5 == ""), NF }
=== stdin
a b
=== expected
0 1 2
=== peers
gawk-posix mawk original-awk
