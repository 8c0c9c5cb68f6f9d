BEGIN {
  print "x" | "cat >/dev/null; exit 3"
  r = close("cat >/dev/null; exit 3")
  print "pipe", r
  print "unknown", close("never-opened")
  "exit 2" | getline; print "input pipe", close("exit 2")
}
