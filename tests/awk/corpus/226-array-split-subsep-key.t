=== about
Recovering the parts of a multi-dimensional key with split on SUBSEP.
=== program
BEGIN { g["r1", "c2"] = 5; for (k in g) { n = split(k, part, SUBSEP); print n, part[1], part[2], g[k] } }
=== expected
2 r1 c2 5
=== peers
gawk-posix mawk original-awk
