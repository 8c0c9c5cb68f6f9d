=== about
Adding an element to ARGV and raising ARGC adds an input file.
=== program
BEGIN { ARGV[ARGC] = "extra"; ARGC++ }
{ print FILENAME ": " $0 }
=== operands
base
=== file base
b
=== file extra
e
=== expected
base: b
extra: e
=== peers
gawk-posix mawk original-awk
