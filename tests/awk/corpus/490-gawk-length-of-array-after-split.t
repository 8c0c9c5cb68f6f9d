=== about
length(arr) after split equals split's return value.
=== gawk-ext
=== program
{ n = split($0, parts, ","); print n, length(parts) }
=== stdin
a,b,,d
=== expected
4 4
=== peers
gawk mawk original-awk
