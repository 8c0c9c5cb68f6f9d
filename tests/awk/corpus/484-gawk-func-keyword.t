=== about
func is accepted as an abbreviation of function.
=== gawk-ext
=== program
func sq(x) { return x * x }
BEGIN { print sq(12) }
=== expected
144
=== peers
gawk original-awk
