=== about
String comparison is byte-wise when either side is a non-numeric string.
=== program
{ print ($1 < $2) ? "lt" : ($1 == $2 ? "eq" : "gt") }
=== stdin
abc abd
b a
10 9
10 9x
A a
abc abc
abc ab
=== expected
lt
gt
gt
lt
lt
eq
gt
=== peers
gawk-posix mawk original-awk
