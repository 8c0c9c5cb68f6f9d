=== about
for (k in a) visits every element once (checked via a sum, not order).
=== program
{ a[$1] += $2 }
END { n = 0; s = 0; for (k in a) { n++; s += a[k] } print n, s }
=== stdin
x 1
y 2
x 3
z 4
=== expected
3 10
=== peers
gawk-posix mawk original-awk
