=== about
Printing the fields of each line in reverse order.
=== inline
=== program
{ for (i = NF; i > 1; i--) printf "%s ", $i; print $1 }
=== stdin
1 2 3 4
solo
a b
=== expected
4 3 2 1
solo
b a
=== peers
gawk-posix mawk original-awk
