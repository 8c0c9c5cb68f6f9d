{ out = (NR == 1 ? $0 : out "," $0) }
END { print out }
