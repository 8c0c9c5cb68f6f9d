=== about
getline var sets var and NR/FNR but leaves $0 and NF alone.
=== program
NR == 1 { r = getline line; print r, "[" line "]", "[" $0 "]", NF, NR, FNR }
=== stdin
one two
three four five
=== expected
1 [three four five] [one two] 2 2 2
=== peers
gawk-posix mawk original-awk
