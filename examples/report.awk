# A sales report: totals, averages and the best seller per region, from tab-separated lines
#   date <TAB> region <TAB> product <TAB> units <TAB> unit price
# Run: fusevm awk -F'\t' -f examples/report.awk examples/sales.tsv
function money(x) { return sprintf("%10.2f", x) }

function bar(value, scale,    n, s) {
  n = int(value / scale + 0.5)
  while (n-- > 0) s = s "#"
  return s
}

NR == 1 && $1 == "date" { next }      # a header line
NF != 5 { printf "line %d: expected 5 fields, got %d\n", NR, NF > "/dev/stderr"; next }

{
  revenue = $4 * $5
  total[$2] += revenue
  units[$2] += $4
  orders[$2]++
  by_product[$2, $3] += revenue
  grand += revenue
}

END {
  printf "%-8s %10s %6s %10s  %s\n", "region", "revenue", "orders", "avg order", "best product"
  for (region in total) {
    best = ""; best_revenue = -1
    for (key in by_product) {
      split(key, part, SUBSEP)
      if (part[1] == region && by_product[key] > best_revenue) {
        best = part[2]; best_revenue = by_product[key]
      }
    }
    printf "%-8s %s %6d %s  %s\n", region, money(total[region]), orders[region],
           money(total[region] / orders[region]), best
  }
  printf "%-8s %s %6d\n\n", "total", money(grand), NR - 1
  for (region in total)
    printf "%-8s %s\n", region, bar(total[region], grand / 40)
}
