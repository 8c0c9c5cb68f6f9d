=== about
Reading lines from a command one at a time; after close the command runs again from the start.
=== program
BEGIN {
  cmd = "printf '1\\n2\\n3\\n'"
  cmd | getline x; cmd | getline y
  print x, y
  close(cmd)
  cmd | getline z
  print z
  close(cmd)
}
=== expected
1 2
1
=== peers
gawk-posix mawk original-awk
