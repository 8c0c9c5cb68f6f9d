=== about
A ^ or $ that is not at the start or end of a branch (POSIX: anchors anywhere in an ERE).
=== program
{ print ($0 ~ /a$|b/), ($0 ~ /x|^y/) }
=== stdin
ba
ya
=== expected
1 0
1 1
=== peers
gawk-posix mawk original-awk
