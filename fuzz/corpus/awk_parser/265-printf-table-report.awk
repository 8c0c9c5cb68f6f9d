BEGIN { printf "%-10s %6s %8s\n", "item", "qty", "price" }
{ printf "%-10s %6d %8.2f\n", $1, $2, $3; total += $2 * $3 }
END { printf "%-10s %15.2f\n", "total", total }
