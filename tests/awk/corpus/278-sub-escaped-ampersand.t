=== about
"\\&" in the replacement gives a literal &.
=== program
{ gsub(/and/, "\\&"); print }
=== stdin
salt and pepper and oil
=== expected
salt & pepper & oil
=== peers
gawk-posix mawk original-awk
