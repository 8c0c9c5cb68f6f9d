BEGIN { x = log(-1); print (x == x), (x != x), (x < 1), (x > 1) }
