BEGIN {
  x = 5
  print x++, x, ++x, x, x--, x, --x, x
  y = 1
  z = y++ + ++y
  print y, z
  u = 1; v = u-- - --u; print u, v
}
