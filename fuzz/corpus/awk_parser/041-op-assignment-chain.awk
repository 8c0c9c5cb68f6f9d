BEGIN { a = b = c = 4; print a, b, c; print (d = 7) + 1, d; e += f += 2; print e, f }
