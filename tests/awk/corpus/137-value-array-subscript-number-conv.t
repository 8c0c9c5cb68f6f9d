=== about
Numeric subscripts are converted to strings: a[1] and a["1"] are the same; a[01] is a[1].
=== program
BEGIN { a[1] = "one"; print a["1"], a[01], a[1.0], ("01" in a); a["01"] = "zero-one"; print a[1], a["01"] }
=== expected
one one one 0
one zero-one
=== peers
gawk-posix mawk original-awk
