=== about
Naive recursive Fibonacci.
=== program
function fib(n) { if (n < 2) return n; return fib(n - 1) + fib(n - 2) }
{ print "fib(" $1 ") =", fib($1) }
=== stdin
1
10
20
=== expected
fib(1) = 1
fib(10) = 55
fib(20) = 6765
=== peers
gawk-posix mawk original-awk
