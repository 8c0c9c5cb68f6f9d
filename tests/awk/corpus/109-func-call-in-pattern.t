=== about
A function call used as a pattern.
=== program
function isprime(n,   d) { if (n < 2) return 0; for (d = 2; d * d <= n; d++) if (n % d == 0) return 0; return 1 }
isprime($1)
=== stdin
1
2
9
13
25
29
=== expected
2
13
29
=== peers
gawk-posix mawk original-awk
