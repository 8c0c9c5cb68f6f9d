=== about
Changing FS in a rule takes effect from the next record, not the current one.
=== program
{ print $1; FS = "," }
=== stdin
a,b c,d
e,f g,h
=== expected
a,b
e
=== peers
gawk-posix mawk original-awk
