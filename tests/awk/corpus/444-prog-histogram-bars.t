=== about
Bar chart of values scaled to a maximum width.
=== program
{ name[NR] = $1; val[NR] = $2; if ($2 > max) max = $2 }
END { for (i = 1; i <= NR; i++) { w = int(val[i] * 20 / max + 0.5); bar = ""; for (j = 0; j < w; j++) bar = bar "#"; printf "%-6s|%-20s| %d\n", name[i], bar, val[i] } }
=== stdin
mon 5
tue 20
wed 13
=== expected
mon   |#####               | 5
tue   |####################| 20
wed   |#############       | 13
=== peers
gawk-posix mawk original-awk
