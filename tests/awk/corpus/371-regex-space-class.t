=== about
[[:space:]] and [[:blank:]] match tabs and spaces.
=== program
BEGIN { FS = "," }
{ n = gsub(/[[:space:]]/, "_", $2); print n, $2 }
=== stdin-raw
"x,a b\tc\n"
=== expected
2 a_b_c
=== peers
gawk-posix mawk original-awk
