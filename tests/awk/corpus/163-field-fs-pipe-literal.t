=== about
A single-character FS that is a regex metacharacter (|) is taken literally.
=== program
BEGIN { FS = "|" }
{ print $2, NF }
=== stdin
a|b|c
=== expected
b 3
=== peers
gawk-posix mawk original-awk
