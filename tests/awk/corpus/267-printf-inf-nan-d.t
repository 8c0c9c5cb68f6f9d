=== about
%d of infinity prints "inf"/"-inf" like %g (our documented choice, as gawk --posix).
=== program
BEGIN { x = 2 ^ 2000; printf "%d %d %.3f\n", x, -x, x }
=== expected
inf -inf inf
=== peers
ours: see docs/awk-compat.md#inf-nan
