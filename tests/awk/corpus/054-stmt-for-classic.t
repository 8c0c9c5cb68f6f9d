=== about
C-style for loop with all three parts, and with parts left out.
=== program
BEGIN {
  for (i = 1; i <= 3; i++) printf "%d ", i
  print ""
  j = 5; for (; j > 0; j -= 2) printf "%d ", j
  print ""
  for (k = 0; ; k++) if (k == 4) break
  print k
  for (;;) { m++; if (m > 2) break }
  print m
}
=== expected
1 2 3 
5 3 1 
4
3
=== peers
gawk-posix mawk original-awk
