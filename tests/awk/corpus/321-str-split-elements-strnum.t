=== about
split elements that look numeric compare numerically.
=== program
BEGIN { split("10:9:abc", a, ":"); print (a[1] > a[2]), (a[3] > a[1]) }
=== expected
1 1
=== peers
gawk-posix mawk original-awk
