=== about
split with " " as separator uses default blank splitting.
=== program
BEGIN { n = split(" a  b ", a, " "); print n, "[" a[1] "][" a[2] "]" }
=== expected
2 [a][b]
=== peers
gawk-posix mawk original-awk
