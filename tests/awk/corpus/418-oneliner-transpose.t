=== about
Transposing a matrix.
=== program
{ for (i = 1; i <= NF; i++) cell[NR, i] = $i; if (NF > maxnf) maxnf = NF }
END { for (i = 1; i <= maxnf; i++) { line = cell[1, i]; for (r = 2; r <= NR; r++) line = line " " cell[r, i]; print line } }
=== stdin
1 2 3
4 5 6
7 8 9
=== expected
1 4 7
2 5 8
3 6 9
=== peers
gawk-posix mawk original-awk
