=== about
Scalars are passed by value: assignments to a parameter do not change the caller's variable.
=== program
function bump(x) { x = x + 1; return x }
BEGIN { v = 10; print bump(v), v; $0 = "5 6"; print bump($1), $1 }
=== expected
11 10
6 5
=== peers
gawk-posix mawk original-awk
