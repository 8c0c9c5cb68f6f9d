=== about
A deeply parenthesised expression.
=== program
BEGIN { print ((((((((((1 + 2) * 3) - 4) / 5) + 6) * 7) - 8) / 9) + 10) * 11) }
=== expected
160.111
=== peers
gawk-posix mawk original-awk
