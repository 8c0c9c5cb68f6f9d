BEGIN { for (i = 0; i < 10; i++) a[i] = i; for (k in a) if (k % 2) delete a[k]; n = 0; c = 0; for (k in a) { n += a[k]; c++ }; print n, c }
