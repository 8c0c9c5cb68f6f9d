=== about
Integral values print as integers regardless of OFMT (2^31, 2^53, 1e15, negative).
=== program
BEGIN { OFMT = "%.2f"; print 2^31, 2^53, 1e15, -2^40, 100000 * 100000, 1e6; x = 2^53; s = x ""; print s }
=== expected
2147483648 9007199254740992 1000000000000000 -1099511627776 10000000000 1000000
9007199254740992
=== peers
ours: see docs/awk-compat.md#huge-integers
