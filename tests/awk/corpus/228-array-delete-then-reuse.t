=== about
After deleting all elements one by one, the array can be reused.
=== program
BEGIN { for (i = 0; i < 5; i++) a[i] = i; for (k in a) delete a[k]; n = 0; for (k in a) n++; print n; a["new"] = 1; for (k in a) print k }
=== expected
0
new
=== peers
gawk-posix mawk original-awk
