=== about
printf(fmt, args) with parentheses.
=== program
BEGIN { printf("%s-%s\n", "a", "b") }
=== expected
a-b
=== peers
gawk-posix mawk original-awk
