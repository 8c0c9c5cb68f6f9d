=== about
An untyped argument becomes an array when the function uses its parameter as one.
=== program
function mk(a) { a["k"] = "v"; a["n"] = 2 }
BEGIN { mk(fresh); print fresh["k"], fresh["n"] }
=== expected
v 2
=== peers
gawk-posix mawk original-awk
