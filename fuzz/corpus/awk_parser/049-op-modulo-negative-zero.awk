BEGIN { x = 9 % 3; y = 2^31 % 7; print x, y, 1e10 % 1000 }
