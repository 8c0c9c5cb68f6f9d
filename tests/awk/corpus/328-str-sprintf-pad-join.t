=== about
Joining an array with a separator and padding with sprintf.
=== program
function join(a, n, sep,   i, s) { s = a[1]; for (i = 2; i <= n; i++) s = s sep a[i]; return s }
{ n = split($0, p, ","); print join(p, n, " | "); printf "%s\n", sprintf("%-8s|", p[1]) }
=== stdin
red,green,blue
=== expected
red | green | blue
red     |
=== peers
gawk-posix mawk original-awk
