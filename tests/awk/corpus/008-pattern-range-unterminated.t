=== about
A range that never finds its end runs to the end of input.
=== program
$1 == 3, $1 == 99 { print }
=== stdin
1
2
3
4
5
=== expected
3
4
5
=== peers
gawk-posix mawk original-awk
