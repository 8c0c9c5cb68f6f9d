=== about
Counting runs of identical adjacent lines (uniq -c).
=== program
NR > 1 && $0 != prev { print n, prev; n = 0 }
{ prev = $0; n++ }
END { if (NR) print n, prev }
=== stdin
a
a
b
a
a
a
=== expected
2 a
1 b
3 a
=== peers
gawk-posix mawk original-awk
