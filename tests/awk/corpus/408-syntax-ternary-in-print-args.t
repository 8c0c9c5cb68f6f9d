=== about
Ternaries and assignments as print arguments.
=== program
{ print $1, ($1 > 2 ? "big" : "small"), (n += $1) }
=== stdin
1
3
=== expected
1 small 1
3 big 4
=== peers
gawk-posix mawk original-awk
