=== about
index with numeric arguments converts them to strings.
=== program
BEGIN { print index(12345, 34), index(3.5, ".") }
=== expected
3 2
=== peers
gawk-posix mawk original-awk
