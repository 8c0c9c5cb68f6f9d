=== about
Trimming leading and trailing blanks with sub.
=== program
function trim(s) { sub(/^[ \t]+/, "", s); sub(/[ \t]+$/, "", s); return s }
{ print "[" trim($0) "]" }
=== stdin-raw
"   padded text \t \nnone\n\t\n"
=== expected
[padded text]
[none]
[]
=== peers
gawk-posix mawk original-awk
