=== about
Histogram of the number of fields per line, printed in order of field count.
=== program
{ h[NF]++ ; if (NF > m) m = NF }
END { for (i = 0; i <= m; i++) if (i in h) printf "%d fields: %s\n", i, substr("**********", 1, h[i]) }
=== stdin
a
a b
a b

c d
x
=== expected
0 fields: *
1 fields: **
2 fields: ***
=== peers
gawk-posix mawk original-awk
