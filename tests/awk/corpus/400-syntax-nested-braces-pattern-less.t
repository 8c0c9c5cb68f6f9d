=== about
Multiple statements on separate lines with nested blocks and no pattern.
=== program
{
  if (NF > 1) {
    for (i = NF; i > 0; i--) {
      printf "%s%s", $i, (i > 1 ? " " : "\n")
    }
  } else {
    print "single:", $1
  }
}
=== stdin
one two three
alone
=== expected
three two one
single: alone
=== peers
gawk-posix mawk original-awk
