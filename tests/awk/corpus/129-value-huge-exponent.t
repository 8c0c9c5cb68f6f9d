=== about
"1e500" converts to infinity, which prints as "inf" with sign in our awk (gawk style).
=== program
{ x = $1 + 0; print (x > 1e308), (x == x + 1), x }
=== stdin
1e500
=== expected
1 1 +inf
=== peers
ours: see docs/awk-compat.md#inf-nan
