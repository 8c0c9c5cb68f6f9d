=== about
Summing a column and printing the average.
=== program
{ s += $2 }
END { print "sum", s, "avg", s / NR }
=== stdin
a 10
b 20
c 45
=== expected
sum 75 avg 25
=== peers
gawk-posix mawk original-awk
