=== about
Subscripts can be any expression; concatenated keys.
=== program
{ key = $1 "-" $2; total[key] += $3 }
END { print total["a-x"], total["b-y"] }
=== stdin
a x 1
b y 2
a x 3
=== expected
4 2
=== peers
gawk-posix mawk original-awk
