=== about
gsub used only to count matches in a copy.
=== program
{ t = $0; c += gsub(/e/, "", t) }
END { print c }
=== stdin
eee
hello
none
=== expected
5
=== peers
gawk-posix mawk original-awk
