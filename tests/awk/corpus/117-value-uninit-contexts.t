=== about
An uninitialised variable is "" in string context and 0 in numeric context.
=== program
BEGIN { print "[" x "]", x + 0, x * 5, length(x), (x == 0), (x == ""), (x < 0) }
=== expected
[] 0 0 0 1 1 0
=== peers
gawk-posix mawk original-awk
