=== about
gsub(/b*/, "X") on "abc": the empty match after a non-empty one is not repeated.
=== program
{ gsub(/b*/, "X"); print }
=== stdin
abc
bbb
=== expected
XaXcX
X
=== peers
gawk-posix mawk original-awk
