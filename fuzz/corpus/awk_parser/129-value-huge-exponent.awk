{ x = $1 + 0; print (x > 1e308), (x == x + 1), x }
