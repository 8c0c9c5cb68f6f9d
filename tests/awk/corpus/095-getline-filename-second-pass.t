=== about
getline line < FILENAME opens a separate stream on the current file (here: count its lines on the first record).
=== program
FNR == 1 { n = 0; while ((getline line < FILENAME) > 0) n++; close(FILENAME); print FILENAME, "has", n, "lines" }
{ print FNR ": " $0 }
=== operands
data
=== file data
x
y
z
=== expected
data has 3 lines
1: x
2: y
3: z
=== peers
gawk-posix mawk original-awk
