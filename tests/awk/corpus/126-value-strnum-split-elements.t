=== about
Elements created by split are numeric strings.
=== program
BEGIN { split("10 9 2.0", a); print (a[1] < a[2]), (a[3] == 2), (a[1] > a[3]) }
=== expected
0 1 1
=== peers
gawk-posix mawk original-awk
