BEGIN { x = exp(1000); print (x > 1e308), x }
