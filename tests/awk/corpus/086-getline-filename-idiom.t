=== about
Reading a second file from a rule while processing the first (a lookup join).
=== program
BEGIN { while ((getline line < "prices") > 0) { split(line, p, "="); price[p[1]] = p[2] } }
{ print $1, $2 * price[$1] }
=== stdin
apple 3
pear 2
=== file prices
apple=0.5
pear=1.25
=== expected
apple 1.5
pear 2.5
=== peers
gawk-posix mawk original-awk
