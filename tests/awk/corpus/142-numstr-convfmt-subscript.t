=== about
A non-integral subscript is converted with CONVFMT; integral ones are exact.
=== program
BEGIN {
  x = 0.1; a[x] = "tenth"
  for (k in a) print "key", k
  CONVFMT = "%.2g"
  b[3.14159] = 1; b[12] = 2; b[1e6] = 3
  for (k in b) print "bkey", k | "sort"
  close("sort")
}
=== expected
key 0.1
bkey 1000000
bkey 12
bkey 3.1
=== peers
gawk-posix mawk original-awk
