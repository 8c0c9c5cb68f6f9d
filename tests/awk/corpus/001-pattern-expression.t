=== about
An expression pattern selects records where it is true (non-zero / non-empty).
=== program
$2 > 50
$3
=== stdin
apple 10 x
pear 60
plum 70 0
fig 51 yes
=== expected
apple 10 x
pear 60
plum 70 0
fig 51 yes
fig 51 yes
=== peers
gawk-posix mawk original-awk
