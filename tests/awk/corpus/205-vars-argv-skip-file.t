=== about
Deleting or emptying an ARGV element skips that operand.
=== program
BEGIN { ARGV[1] = ""; delete ARGV[2] }
{ print FILENAME, $0 }
=== operands
skip1 skip2 read
=== file skip1
s1
=== file skip2
s2
=== file read
r
=== expected
read r
=== peers
gawk-posix mawk original-awk
