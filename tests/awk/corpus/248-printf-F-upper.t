=== about
%F is like %f (POSIX); mawk and onetrue awk reject it.
=== program
BEGIN { printf "%F %.1F\n", 1.5, 2.25 }
=== expected
1.500000 2.2
=== peers
ours: see docs/awk-compat.md#printf-F
