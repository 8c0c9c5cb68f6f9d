=== about
A backslash-newline continues a line.
=== program
BEGIN { x = 1 + \
  2 + \
  3
  print \
    x
}
=== expected
6
=== peers
gawk-posix mawk original-awk
