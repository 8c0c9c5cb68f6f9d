=== about
?: is right-associative and can nest on both branches.
=== program
{ n = $1; print n, (n < 0 ? "neg" : n == 0 ? "zero" : n < 10 ? "small" : "big") }
{ print (n % 2 ? (n > 5 ? "odd-big" : "odd-small") : "even") }
=== stdin
-3
0
7
3
42
=== expected
-3 neg
odd-small
0 zero
even
7 small
odd-big
3 small
odd-small
42 big
even
=== peers
gawk-posix mawk original-awk
