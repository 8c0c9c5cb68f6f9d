=== about
Division by zero at run time is a fatal error (exit 2).
=== program
{ print 10 / $1 }
=== stdin
0
=== exit 2
=== peers
ours: see docs/awk-compat.md#division-by-zero
