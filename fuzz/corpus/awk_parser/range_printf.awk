/start/, /stop/ { printf "%-10s|%5.2f\n", $1, $2 * 1.5 }
