=== about
delete a removes every element (POSIX 2024; all reference awks agree).
=== program
BEGIN { a["x"] = 1; a["y"] = 2; delete a; n = 0; for (k in a) n++; print n; a["z"] = 3; for (k in a) print k, a[k] }
=== expected
0
z 3
=== peers
gawk-posix mawk original-awk
