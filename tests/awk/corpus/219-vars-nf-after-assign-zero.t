=== about
Assigning $0 updates NF; in END NF reflects the last record.
=== program
{ n = NF }
END { print n, NF; $0 = ""; print NF }
=== stdin
a b c
=== expected
3 3
0
=== peers
gawk-posix mawk original-awk
