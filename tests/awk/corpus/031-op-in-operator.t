=== about
(key in array) tests membership without creating the element.
=== program
BEGIN {
  a["x"] = 1; a[2] = ""
  print ("x" in a), ("y" in a), (2 in a), ("2" in a), (1+1 in a)
  n = 0; for (k in a) n++; print n
  if (!("z" in a)) print "no z"
  n = 0; for (k in a) n++; print n
}
=== expected
1 0 1 1 1
2
no z
2
=== peers
gawk-posix mawk original-awk
