=== about
&& and || short-circuit, and yield 1 or 0.
=== program
function f(s) { print "called", s; return s }
BEGIN {
  print (0 && f("a"))
  print (1 || f("b"))
  print (1 && f("c"))
  print (0 || f(0))
  print ("x" && 2)
}
=== expected
0
1
called c
1
called 0
0
1
=== peers
gawk-posix mawk original-awk
