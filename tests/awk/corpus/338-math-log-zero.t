=== about
log(0) is -infinity, printed "-inf"; its negation prints "+inf".
=== program
BEGIN { x = log(0); print (x < -1e308), x, -x }
=== expected
1 -inf +inf
=== peers
ours: see docs/awk-compat.md#inf-nan
