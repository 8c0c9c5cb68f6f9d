=== about
Newlines are allowed after && || , { and else and do.
=== program
BEGIN {
  if (1 &&
      2 ||
      0) print "ok",
                 "continued"
  if (0) print "no"
  else
    print "else branch"
  do
    n++
  while (n < 3)
  print n
}
=== expected
ok continued
else branch
3
=== peers
gawk-posix mawk original-awk
