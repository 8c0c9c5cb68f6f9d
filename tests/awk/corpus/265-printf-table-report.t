=== about
A formatted table with aligned columns.
=== program
BEGIN { printf "%-10s %6s %8s\n", "item", "qty", "price" }
{ printf "%-10s %6d %8.2f\n", $1, $2, $3; total += $2 * $3 }
END { printf "%-10s %15.2f\n", "total", total }
=== stdin
widget 3 2.50
gadget 10 0.99
gizmo 1 100
=== expected
item          qty    price
widget          3     2.50
gadget         10     0.99
gizmo           1   100.00
total               117.40
=== peers
gawk-posix mawk original-awk
