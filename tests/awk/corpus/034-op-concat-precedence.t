=== about
Concatenation binds tighter than comparison but looser than arithmetic; 1 " " -1 concatenates -1.
=== program
BEGIN {
  print 1 " " -1
  print 1 " " - 1
  print 2 3 * 4
  print 1 + 2 "" 3 + 4
  x = "a" "b" == "ab"; print x
  print -1 " " -1
  print 10 % 3 "" 2
}
=== expected
1-1
1-1
212
37
1
-1-1
12
=== peers
gawk-posix mawk original-awk
