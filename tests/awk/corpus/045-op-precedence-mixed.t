=== about
A mix: unary minus, not, comparison, match, in, && and || in one expression.
=== program
BEGIN {
  a["k"]
  x = 2
  print !x + 1, !(x + 1), -x * -x, (x < 3 && x > 1 || 0)
  print "k" in a && "ab" ~ /b/, 1 || 0 && 0, (1 || 0) && 0
}
=== expected
1 0 4 1
1 1 0
=== peers
gawk-posix mawk original-awk
