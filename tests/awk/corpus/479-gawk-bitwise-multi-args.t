=== about
and/or/xor accept more than two arguments.
=== gawk-ext
=== program
BEGIN { print and(255, 15, 6), or(1, 2, 4, 8), xor(1, 3, 7) }
=== expected
6 15 5
=== peers
gawk
