=== about
print (a, b) > file writes the list to the file.
=== program
BEGIN { print("a", "b") > "pr.txt"; close("pr.txt"); getline line < "pr.txt"; print line }
=== expected
a b
=== peers
gawk-posix mawk original-awk
