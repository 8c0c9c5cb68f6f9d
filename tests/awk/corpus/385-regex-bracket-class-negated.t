=== about
A negated class with a character class inside.
=== program
{ gsub(/[^[:alnum:]]+/, " "); print }
=== stdin
hello,,world!!42--x
=== expected
hello world 42 x
=== peers
gawk-posix mawk original-awk
