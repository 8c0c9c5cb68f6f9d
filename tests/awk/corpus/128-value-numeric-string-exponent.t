=== about
Exponent forms and signs in numeric strings.
=== program
{ print $1 + 0, ($1 == $2) }
=== stdin
1e3 1000
-2.5E-1 -0.25
+.5 0.5
5e 5
=== expected
1000 1
-0.25 1
0.5 1
5 0
=== peers
gawk-posix mawk original-awk
