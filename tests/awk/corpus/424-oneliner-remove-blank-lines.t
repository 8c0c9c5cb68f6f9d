=== about
Removing blank lines with the NF pattern.
=== inline
=== program
NF
=== stdin-raw
"a\n\n  \nb\n\t\n"
=== expected
a
b
=== peers
gawk-posix mawk original-awk
