=== about
FILENAME is empty in BEGIN and keeps the last file name in END.
=== program
BEGIN { print "[" FILENAME "]" }
END { print "[" FILENAME "]" }
=== operands
f1 f2
=== file f1
x
=== file f2
y
=== expected
[]
[f2]
=== peers
gawk-posix mawk original-awk
