=== about
Anchors inside alternation apply to their branch only.
=== program
{ print ($0 ~ /^a|b$/), ($0 ~ /^(a|b)$/) }
=== stdin
ax
xb
xax
b
=== expected
1 0
1 0
0 0
1 1
=== peers
gawk-posix mawk original-awk
