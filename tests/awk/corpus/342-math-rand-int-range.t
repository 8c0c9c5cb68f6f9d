=== about
int(rand() * n) + 1 stays within 1..n and covers every value.
=== program
BEGIN { srand(3); for (i = 0; i < 3000; i++) { v = int(rand() * 6) + 1; if (v < 1 || v > 6) bad++; seen[v] } c = 0; for (k in seen) c++; print bad + 0, c }
=== expected
0 6
=== peers
gawk-posix mawk original-awk
