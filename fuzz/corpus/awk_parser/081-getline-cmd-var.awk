NR == 1 { "printf 'p q\\nr\\n'" | getline v; print v, "|", $0, NF }
