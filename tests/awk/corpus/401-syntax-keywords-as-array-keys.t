=== about
Strings equal to keywords can be array subscripts.
=== program
BEGIN { a["if"] = 1; a["while"] = 2; a["BEGIN"] = 3; print a["if"] + a["while"] + a["BEGIN"] }
=== expected
6
=== peers
gawk-posix mawk original-awk
