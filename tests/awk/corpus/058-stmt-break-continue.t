=== about
break leaves the innermost loop, continue skips to the next iteration.
=== program
BEGIN {
  for (i = 1; i <= 3; i++) {
    for (j = 1; j <= 5; j++) {
      if (j == 2) continue
      if (j == 4) break
      printf "%d%d ", i, j
    }
  }
  print ""
  while (1) { if (++n >= 3) break }
  print n
  do { if (++m < 5) continue; break } while (1)
  print m
}
=== expected
11 13 21 23 31 33 
3
5
=== peers
gawk-posix mawk original-awk
