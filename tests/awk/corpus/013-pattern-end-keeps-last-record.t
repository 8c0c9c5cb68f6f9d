=== about
In END, $0 and NF still hold the last record (POSIX).
=== program
END { print NR, NF, $0, $2 }
=== stdin
one two
three four five
=== expected
2 3 three four five four
=== peers
gawk-posix mawk original-awk
