=== about
Relational operators on numbers.
=== program
BEGIN {
  print (1 < 2), (2 < 1), (2 <= 2), (3 >= 4), (5 == 5.0), (5 != 5), (-1 > -2)
  print (10 < 9), ("10" < "9"), (10 < "9")
}
=== expected
1 0 1 0 1 0 1
0 1 1
=== peers
gawk-posix mawk original-awk
