=== about
A small report: group sales by region, with totals, averages and a grand total.
=== program
BEGIN { FS = "," }
NR == 1 { next }   # header
{
  region = $2; amount = $3
  total[region] += amount; count[region]++
  grand += amount
  if (!(region in first)) { first[region] = NR; order[++nregions] = region }
}
END {
  printf "%-8s %5s %9s %9s\n", "region", "n", "total", "average"
  for (i = 1; i <= nregions; i++) {
    r = order[i]
    printf "%-8s %5d %9.2f %9.2f\n", r, count[r], total[r], total[r] / count[r]
  }
  printf "%-8s %5d %9.2f\n", "ALL", NR - 1, grand
}
=== stdin
date,region,amount
2024-01-01,north,100.50
2024-01-02,south,20
2024-01-03,north,99.50
2024-01-04,east,5.25
2024-01-05,south,30
=== expected
region       n     total   average
north        2    200.00    100.00
south        2     50.00     25.00
east         1      5.25      5.25
ALL          5    255.25
=== peers
gawk-posix mawk original-awk
