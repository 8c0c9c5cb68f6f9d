=== about
length of an array parameter inside a function.
=== gawk-ext
=== program
function count(a) { return length(a) }
{ words[$1] }
END { print count(words) }
=== stdin
x
y
x
=== expected
2
=== peers
gawk original-awk
