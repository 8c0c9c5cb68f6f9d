=== about
Summing each column of a table with NF varying per line.
=== program
{ for (i = 1; i <= NF; i++) sum[i] += $i; if (NF > max) max = NF }
END { for (i = 1; i <= max; i++) printf "%s%s", sum[i], (i < max ? " " : "\n") }
=== stdin
1 2 3
4 5
6 7 8 9
=== expected
11 14 11 9
=== peers
gawk-posix mawk original-awk
