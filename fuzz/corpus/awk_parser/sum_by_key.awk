{ a[$1] += $2 } END { for (k in a) print k, a[k] | "sort" }
