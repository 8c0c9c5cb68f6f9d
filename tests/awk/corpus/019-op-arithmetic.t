=== about
The arithmetic operators + - * / % on integers and fractions.
=== program
{ a = $1; b = $2; print a + b, a - b, a * b, a / b, a % b }
=== stdin
7 2
-7 2
7 -2
7.5 2
1 3
=== expected
9 5 14 3.5 1
-5 -9 -14 -3.5 -1
5 9 -14 -3.5 1
9.5 5.5 15 3.75 1.5
4 -2 3 0.333333 1
=== peers
gawk-posix mawk original-awk
