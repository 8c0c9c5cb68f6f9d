=== about
A field index is converted to an integer (truncated); $"2" works.
=== program
{ print $"2", $(1.9), $(3 - 1) }
=== stdin
a b c
=== expected
b a b
=== peers
gawk-posix mawk original-awk
