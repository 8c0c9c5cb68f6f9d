function fact(n) { return n <= 1 ? 1 : n * fact(n - 1) }
BEGIN { for (i = 0; i <= 10; i += 2) print i, fact(i) }
