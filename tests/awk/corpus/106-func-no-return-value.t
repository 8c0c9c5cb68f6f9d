=== about
A function that ends without return (or with a bare return) yields an uninitialised value.
=== program
function nothing() { }
function early(x) { if (x) return; return "late" }
BEGIN { v = nothing(); print "[" v "]", v + 0, length(v); print "[" early(1) "]", "[" early(0) "]" }
=== expected
[] 0 0
[] [late]
=== peers
gawk-posix mawk original-awk
