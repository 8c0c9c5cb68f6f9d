=== about
Iterating over the characters of a string with substr.
=== program
{ out = ""; for (i = 1; i <= length($0); i++) { c = substr($0, i, 1); out = out (c ~ /[a-z]/ ? toupper(c) : c) } print out }
=== stdin
a1b2-c3
=== expected
A1B2-C3
=== peers
gawk-posix mawk original-awk
