=== about
%d of large values and of 2^53.
=== program
BEGIN { printf "%d %d %d %d\n", 2^31, -2^31 - 1, 2^53, 1e15 }
=== expected
2147483648 -2147483649 9007199254740992 1000000000000000
=== peers
ours: see docs/awk-compat.md#printf-d-range
