=== about
Multiplying two 2x2 matrices read from the input.
=== program
NR <= 2 { for (j = 1; j <= NF; j++) A[NR, j] = $j; next }
{ for (j = 1; j <= NF; j++) B[NR - 2, j] = $j }
END {
  for (i = 1; i <= 2; i++) {
    row = ""
    for (j = 1; j <= 2; j++) { s = 0; for (k = 1; k <= 2; k++) s += A[i, k] * B[k, j]; row = row (j > 1 ? " " : "") s }
    print row
  }
}
=== stdin
1 2
3 4
5 6
7 8
=== expected
19 22
43 50
=== peers
gawk-posix mawk original-awk
