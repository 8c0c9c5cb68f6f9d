=== about
An empty field is an empty string, not a numeric string: $2 == 0 is false, $2 == "" is true.
=== program
BEGIN { FS = "," }
{ print ($2 == 0), ($2 == ""), length($2) }
=== stdin
a,,b
=== expected
0 1 0
=== peers
gawk-posix mawk original-awk
