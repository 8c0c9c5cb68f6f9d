=== about
\/ inside a regex literal matches a slash.
=== program
{ n = gsub(/\//, "|"); print n, $0 }
=== stdin
/usr/local/bin
=== expected
3 |usr|local|bin
=== peers
gawk-posix mawk original-awk
