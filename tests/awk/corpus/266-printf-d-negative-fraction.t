=== about
%d truncates negative fractions toward zero; %d of "-0" style values.
=== program
BEGIN { printf "%d %d %d %d\n", -0.5, -1.5, 0.99999, -2147483649 }
=== expected
0 -1 0 -2147483649
=== peers
ours: see docs/awk-compat.md#printf-d-range
