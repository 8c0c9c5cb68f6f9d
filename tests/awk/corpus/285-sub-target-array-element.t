=== about
gsub on an array element.
=== program
BEGIN { a["k"] = "1-2-3"; print gsub(/-/, "+", a["k"]), a["k"] }
=== expected
2 1+2+3
=== peers
gawk-posix mawk original-awk
