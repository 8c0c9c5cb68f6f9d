=== about
a[i, j] joins the subscripts with SUBSEP (default "\034").
=== program
BEGIN { a[1, 2] = 3; for (k in a) { split(k, p, SUBSEP); print p[1], p[2], length(k), (k == 1 "\034" 2) } }
=== expected
1 2 3 1
=== peers
gawk-posix mawk original-awk
