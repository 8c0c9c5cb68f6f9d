=== about
After close(), reading a file with getline starts over from the beginning.
=== program
BEGIN {
  getline a < "f.txt"; getline b < "f.txt"
  close("f.txt")
  getline c < "f.txt"
  print a, b, c
}
=== file f.txt
first
second
=== expected
first second first
=== peers
gawk-posix mawk original-awk
