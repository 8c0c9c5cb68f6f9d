=== about
Decreasing NF drops fields and rebuilds $0 with OFS.
=== program
BEGIN { OFS = "," }
{ NF = 2; print; print NF, $3 "|" }
=== stdin
a b c d
=== expected
a,b
2,|
=== peers
gawk-posix mawk original-awk
