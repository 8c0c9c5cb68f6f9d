=== about
NF used in patterns: skip blank lines, print the last field.
=== program
NF { print NR ": " $NF }
!NF { blank++ }
END { print blank, "blank" }
=== stdin
a b
 
c

d e f
=== expected
1: b
3: c
5: f
2 blank
=== peers
gawk-posix mawk original-awk
