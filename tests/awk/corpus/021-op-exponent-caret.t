=== about
^ is exponentiation; it is right-associative.
=== program
BEGIN { print 2 ^ 10, 2 ^ 3 ^ 2, (2 ^ 3) ^ 2, 2 ^ -1, 9 ^ 0.5, 0 ^ 0 }
=== expected
1024 512 64 0.5 3 1
=== peers
gawk-posix mawk original-awk
