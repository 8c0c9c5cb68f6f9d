=== about
An anchored regex matches only once at the start even with gsub.
=== program
{ n = gsub(/^a/, "X"); print n, $0; m = gsub(/b$/, "Y"); print m, $0 }
=== stdin
aaab
=== expected
1 Xaab
1 XaaY
=== peers
gawk-posix mawk original-awk
