=== about
and, or, xor, compl, lshift, rshift.
=== gawk-ext
=== program
BEGIN { print and(12, 10), or(12, 10), xor(12, 10), lshift(1, 10), rshift(1024, 3), and(compl(0), 255) }
=== expected
8 14 6 1024 128 255
=== peers
gawk
