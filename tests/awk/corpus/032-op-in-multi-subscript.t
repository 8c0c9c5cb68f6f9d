=== about
(i, j) in array tests a multi-dimensional subscript.
=== program
BEGIN {
  m[1, 2] = "a"; m["p", "q"] = "b"
  print ((1, 2) in m), ((2, 1) in m), (("p", "q") in m)
  i = 1; j = 2; if ((i, j) in m) print "found", m[i, j]
  print ((1 SUBSEP 2) in m)
}
=== expected
1 0 1
found a
1
=== peers
gawk-posix mawk original-awk
