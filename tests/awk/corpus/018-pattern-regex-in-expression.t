=== about
A regex literal in an expression is a match against $0, yielding 1 or 0.
=== program
{ print (/o/) + (/a/), (/x/ ? "x" : "no x") }
=== stdin
foo
bar
boat
axe
=== expected
1 no x
1 no x
2 no x
1 x
=== peers
gawk-posix mawk original-awk
