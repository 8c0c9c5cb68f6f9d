=== about
Counting an array's elements portably with a loop (length(array) is covered in the gawk-ext cases).
=== program
BEGIN { n = split("a b c d", arr); c = 0; for (k in arr) c++; print n, c }
=== expected
4 4
=== peers
gawk-posix mawk original-awk
