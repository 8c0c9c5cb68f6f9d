=== about
Prefix and postfix increment and decrement yield the right values.
=== program
BEGIN {
  x = 5
  print x++, x, ++x, x, x--, x, --x, x
  y = 1
  z = y++ + ++y
  print y, z
  u = 1; v = u-- - --u; print u, v
}
=== expected
5 6 7 7 7 6 5 5
3 4
-1 2
=== peers
gawk-posix mawk original-awk
