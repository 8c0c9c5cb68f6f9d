=== about
Extra arguments to printf are ignored.
=== program
BEGIN { printf "%s\n", "a", "b", "c" }
=== expected
a
=== peers
gawk-posix mawk original-awk
