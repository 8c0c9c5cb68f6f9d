=== about
split of an empty string returns 0 and leaves the array empty.
=== program
BEGIN { a[1] = "x"; n = split("", a); m = 0; for (k in a) m++; print n, m }
=== expected
0 0
=== peers
gawk-posix mawk original-awk
