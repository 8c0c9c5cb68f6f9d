=== about
The Ackermann function for small arguments (deep recursion).
=== program
function ack(m, n) {
  if (m == 0) return n + 1
  if (n == 0) return ack(m - 1, 1)
  return ack(m - 1, ack(m, n - 1))
}
BEGIN { print ack(1, 2), ack(2, 3), ack(3, 3) }
=== expected
4 9 61
=== peers
gawk-posix mawk original-awk
