=== about
A huge integral value converts to its exact integer text (1e30), like gawk.
=== program
BEGIN { print 1e30; print 2^64; x = 1e20 ""; print x }
=== expected
1000000000000000019884624838656
18446744073709551616
100000000000000000000
=== peers
ours: see docs/awk-compat.md#huge-integers
