=== about
Integer arithmetic is exact up to 2^53.
=== program
BEGIN { x = 2^53 - 1; print x, x - 1, 12345678 * 87654321 }
=== expected
9007199254740991 9007199254740990 1082152022374638
=== peers
ours: see docs/awk-compat.md#huge-integers
