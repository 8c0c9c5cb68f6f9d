{ for (i = 1; i <= NF; i++) sum[i] += $i; if (NF > max) max = NF }
END { for (i = 1; i <= max; i++) printf "%s%s", sum[i], (i < max ? " " : "\n") }
