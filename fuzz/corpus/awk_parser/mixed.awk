BEGIN { x = y = 3; print x y, (x, y) in z, !x, x ? "t" : "f"; getline; getline v < "f" }
