{ for (j = 1; j <= NF; j++) m[NR, j] = $j; if (NF > cols) cols = NF }
END { for (j = 1; j <= cols; j++) { row = ""; for (i = 1; i <= NR; i++) row = row m[i, j] (i < NR ? " " : ""); print row } }
