=== about
Plain getline moves on to the next file operand and updates FILENAME and FNR.
=== program
FNR == 2 && FILENAME == "a" { getline; print FILENAME, FNR, NR, $0 }
=== operands
a b
=== file a
a1
a2
=== file b
b1
b2
=== expected
b 1 3 b1
=== peers
gawk-posix mawk original-awk
