=== about
NF-- (decrement) drops the last field.
=== program
{ NF--; print }
=== stdin
one two three
=== expected
one two
=== peers
gawk-posix mawk original-awk
