=== about
$i++ increments the field, $(i++) increments i; $NF and $(NF-1).
=== program
{
  i = 1
  print $i++, $1, i
  print $(i++), i
  print $NF, $(NF-1), $(NF - NF + 1)
  $NF += 1
  print
}
=== stdin
5 10 15
=== expected
5 6 1
6 2
15 10 6
6 10 16
=== peers
gawk-posix mawk original-awk
