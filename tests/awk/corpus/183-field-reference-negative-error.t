=== about
A negative field index is a fatal error.
=== program
{ x = -1; print $x }
=== stdin
a
=== exit 2
=== peers
gawk-posix mawk original-awk
