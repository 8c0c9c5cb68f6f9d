=== about
gsub with a regex that matches the empty string inserts at every position.
=== program
{ n = gsub(/x*/, "-"); print n, $0 }
=== stdin
abc
axxb
=== expected
4 -a-b-c-
3 -a-b-
=== peers
gawk-posix mawk original-awk
