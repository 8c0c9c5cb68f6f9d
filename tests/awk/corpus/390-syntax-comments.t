=== about
# comments run to the end of the line, anywhere a newline may appear.
=== program
# leading comment
BEGIN {   # after brace
  x = 1   # after statement
  # a whole-line comment inside
  print x # trailing
}
# final comment without rules
=== expected
1
=== peers
gawk-posix mawk original-awk
