=== about
A user function with parameters and a return value.
=== program
function area(w, h) { return w * h }
{ print $1 "x" $2, area($1, $2) }
=== stdin
3 4
10 0.5
=== expected
3x4 12
10x0.5 5
=== peers
gawk-posix mawk original-awk
