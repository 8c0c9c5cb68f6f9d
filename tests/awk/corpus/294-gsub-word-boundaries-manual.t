=== about
Replacing whole words using surrounding context.
=== program
{ $0 = " " $0 " "; gsub(/ the /, " THE "); gsub(/^ | $/, ""); print }
=== stdin
the other the theme the
=== expected
THE other THE theme THE
=== peers
gawk-posix mawk original-awk
