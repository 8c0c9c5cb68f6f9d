=== about
close of a pipe returns the command's exit status (gawk, mawk); close of an unknown name returns -1.
=== program
BEGIN {
  print "x" | "cat >/dev/null; exit 3"
  r = close("cat >/dev/null; exit 3")
  print "pipe", r
  print "unknown", close("never-opened")
  "exit 2" | getline; print "input pipe", close("exit 2")
}
=== expected
pipe 3
unknown -1
input pipe 2
=== peers
ours: see docs/awk-compat.md#close-status
