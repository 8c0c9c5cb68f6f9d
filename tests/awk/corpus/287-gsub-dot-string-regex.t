=== about
A string "." as regex matches any character.
=== program
{ gsub(".", "x"); print }
=== stdin
abc
=== expected
xxx
=== peers
gawk-posix mawk original-awk
