=== about
Bare `length` in a pattern and in arithmetic.
=== program
length > 3 { print length * 2 }
=== stdin
ab
abcd
abcdef
=== expected
8
12
=== peers
gawk-posix mawk original-awk
