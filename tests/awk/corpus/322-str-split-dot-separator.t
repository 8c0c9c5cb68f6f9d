=== about
A single "." separator is literal in split.
=== program
BEGIN { n = split("1.2.3", a, "."); print n, a[3] }
=== expected
3 3
=== peers
gawk-posix mawk original-awk
