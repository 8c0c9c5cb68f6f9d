=== about
A multiplication table built by nested loops.
=== program
BEGIN { for (i = 1; i <= 4; i++) { row = ""; for (j = 1; j <= 4; j++) row = row sprintf("%3d", i * j); print row } }
=== expected
  1  2  3  4
  2  4  6  8
  3  6  9 12
  4  8 12 16
=== peers
gawk-posix mawk original-awk
