=== about
A pattern's action must start on the same line as the pattern; the { can be followed by newlines.
=== program
NR == 1 {
  print "first"
}
NR == 2 { print "second" }
=== stdin
a
b
=== expected
first
second
=== peers
gawk-posix mawk original-awk
