=== about
A function can assign to fields and $0.
=== program
function swap(i, j,   t) { t = $i; $i = $j; $j = t }
{ swap(1, NF); print }
=== stdin
first middle last
x y
=== expected
last middle first
y x
=== peers
gawk-posix mawk original-awk
