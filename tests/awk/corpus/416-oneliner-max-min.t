=== about
Maximum and minimum of a column, initialised from the first record.
=== program
NR == 1 { max = min = $1; next }
{ if ($1 > max) max = $1; if ($1 < min) min = $1 }
END { print "max", max, "min", min }
=== stdin
5
-3
12
7
12
=== expected
max 12 min -3
=== peers
gawk-posix mawk original-awk
