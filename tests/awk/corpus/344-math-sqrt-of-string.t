=== about
Math functions convert string arguments to numbers.
=== program
{ print sqrt($1), int($2) }
=== stdin
16 7.8
=== expected
4 7
=== peers
gawk-posix mawk original-awk
