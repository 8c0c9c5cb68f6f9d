=== about
Passing an array element passes its value (a scalar) by value.
=== program
function inc(v) { v++; return v }
BEGIN { a["x"] = 5; print inc(a["x"]), a["x"] }
=== expected
6 5
=== peers
gawk-posix mawk original-awk
