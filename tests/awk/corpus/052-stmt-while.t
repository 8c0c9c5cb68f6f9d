=== about
while loop computing digits of a number.
=== program
{ n = $1; s = ""; while (n > 0) { s = (n % 10) s; n = int(n / 10) }; print (s == "" ? 0 : s) }
=== stdin
1234
0
907
=== expected
1234
0
907
=== peers
gawk-posix mawk original-awk
