=== about
Many pattern-action rules are all tried for each record in order.
=== program
/a/ { printf "a" }
/b/ { printf "b" }
/c/ { printf "c" }
/d/ { printf "d" }
{ print "." }
=== stdin
abcd
dc
x
=== expected
abcd.
cd.
.
=== peers
gawk-posix mawk original-awk
