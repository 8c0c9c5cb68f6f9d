=== about
split with a single-character separator keeps empty elements.
=== program
BEGIN { n = split("a::b:", a, ":"); print n; for (i = 1; i <= n; i++) printf "[%s]", a[i]; print "" }
=== expected
4
[a][][b][]
=== peers
gawk-posix mawk original-awk
