=== about
nextfile skips the rest of the current file (POSIX 2024; all reference awks have it).
=== program
FNR == 2 { nextfile }
{ print FILENAME, $0 }
=== operands
a.txt b.txt
=== file a.txt
a1
a2
a3
=== file b.txt
b1
b2
=== expected
a.txt a1
b.txt b1
=== peers
gawk-posix mawk original-awk
