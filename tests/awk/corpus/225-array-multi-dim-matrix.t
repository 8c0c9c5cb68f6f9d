=== about
A two-dimensional array built with (i, j) subscripts and printed row by row.
=== program
{ for (j = 1; j <= NF; j++) m[NR, j] = $j; if (NF > cols) cols = NF }
END { for (j = 1; j <= cols; j++) { row = ""; for (i = 1; i <= NR; i++) row = row m[i, j] (i < NR ? " " : ""); print row } }
=== stdin
1 2 3
4 5 6
=== expected
1 4
2 5
3 6
=== peers
gawk-posix mawk original-awk
