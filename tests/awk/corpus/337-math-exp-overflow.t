=== about
exp of a large value is infinity (onetrue awk reports a range error instead); no warning text is checked.
=== program
BEGIN { x = exp(1000); print (x > 1e308), x }
=== expected
1 +inf
=== peers
ours: see docs/awk-compat.md#inf-nan
