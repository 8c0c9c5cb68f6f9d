BEGIN {
  if (x)
    print 1
  else
    print 2
  do
    x++
  while (x < 3)
  for (;;) break
}
