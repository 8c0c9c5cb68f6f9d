=== about
$ binds tighter than arithmetic: $1+1 is ($1)+1, and -$1 negates the field; $NF-1 is ($NF)-1.
=== program
{ print $1+1, $(1+1), -$1, $NF-1, $NF^2, !$1 }
=== stdin
4 9 3
=== expected
5 9 -4 2 9 0
=== peers
gawk-posix mawk original-awk
