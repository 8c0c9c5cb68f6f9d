=== about
Shifts producing values above 2^32.
=== gawk-ext
=== program
BEGIN { print lshift(1, 40), rshift(lshift(1, 40), 38) }
=== expected
1099511627776 4
=== peers
gawk
