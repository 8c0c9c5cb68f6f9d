=== about
The compound assignments += -= *= /= %= ^= yield the new value.
=== program
BEGIN {
  x = 10
  print (x += 5), (x -= 3), (x *= 2), (x /= 8), (x %= 2), (x ^= 3)
  y = 2; y ^= 2 ^ 2; print y
}
=== expected
15 12 24 3 1 1
16
=== peers
gawk-posix mawk original-awk
