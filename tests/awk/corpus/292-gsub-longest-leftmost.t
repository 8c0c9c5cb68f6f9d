=== about
Each match is the leftmost-longest.
=== program
{ gsub(/a|ab|abc/, "[&]"); print }
=== stdin
abcab
=== expected
[abc][ab]
=== peers
gawk-posix mawk original-awk
