=== about
An unclosed output pipe is closed (and its output flushed) at exit.
=== program
BEGIN { print "b\na" | "sort" }
=== expected
a
b
=== peers
gawk-posix mawk original-awk
