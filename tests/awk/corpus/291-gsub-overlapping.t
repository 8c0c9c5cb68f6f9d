=== about
gsub matches are non-overlapping, scanning left to right.
=== program
{ n = gsub(/aa/, "b"); print n, $0 }
=== stdin
aaaaa
=== expected
2 bba
=== peers
gawk-posix mawk original-awk
