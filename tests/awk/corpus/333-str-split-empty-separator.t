=== about
split with an empty-string separator splits into single characters (all reference awks agree).
=== program
BEGIN { n = split("abc", q, ""); print n, q[1], q[2], q[3] }
=== expected
3 a b c
=== peers
gawk-posix mawk original-awk
