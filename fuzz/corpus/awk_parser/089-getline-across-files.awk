FNR == 2 && FILENAME == "a" { getline; print FILENAME, FNR, NR, $0 }
