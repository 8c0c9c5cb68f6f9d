=== about
if / else if / else chains, with and without braces.
=== program
{
  if ($1 > 100) print $1, "large"
  else if ($1 > 10) {
    print $1, "medium"
  } else
    print $1, "small"
}
=== stdin
5
50
500
=== expected
5 small
50 medium
500 large
=== peers
gawk-posix mawk original-awk
