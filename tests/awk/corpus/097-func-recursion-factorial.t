=== about
Recursive factorial.
=== program
function fact(n) { return n <= 1 ? 1 : n * fact(n - 1) }
BEGIN { for (i = 0; i <= 10; i += 2) print i, fact(i) }
=== expected
0 1
2 2
4 24
6 720
8 40320
10 3628800
=== peers
gawk-posix mawk original-awk
