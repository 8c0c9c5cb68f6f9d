=== about
Functions read and modify global variables that are not parameters.
=== program
function add(x) { total += x; count++ }
{ add($1) }
END { print total, count, total / count }
=== stdin
4
8
9
=== expected
21 3 7
=== peers
gawk-posix mawk original-awk
