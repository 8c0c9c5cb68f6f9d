=== about
Converting numbers to binary and back.
=== program
function tobin(n,   s) { if (n == 0) return "0"; s = ""; while (n > 0) { s = (n % 2) s; n = int(n / 2) } return s }
function frombin(s,   i, n) { n = 0; for (i = 1; i <= length(s); i++) n = n * 2 + substr(s, i, 1); return n }
{ b = tobin($1); print $1, b, frombin(b) }
=== stdin
0
5
255
1024
=== expected
0 0 0
5 101 5
255 11111111 255
1024 10000000000 1024
=== peers
gawk-posix mawk original-awk
