=== about
-v values that look numeric compare numerically.
=== options
-v n=10 -v s=abc
=== program
BEGIN { print (n < 9), (n == 10), (s < 9) }
=== expected
0 1 0
=== peers
gawk-posix mawk original-awk
