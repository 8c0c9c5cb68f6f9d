NR == 2, NR == 4 { printf "%s ", $0 }
END { print "" }
