=== about
\. in a regex literal matches a literal dot; . matches any character.
=== program
{ print ($0 ~ /^a\.b$/), ($0 ~ /^a.b$/) }
=== stdin
a.b
axb
=== expected
1 1
0 1
=== peers
gawk-posix mawk original-awk
