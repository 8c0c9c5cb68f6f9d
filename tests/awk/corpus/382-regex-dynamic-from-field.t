=== about
A regex taken from input data.
=== program
NR == 1 { pat = $0; next }
$0 ~ pat { print "match:", $0 }
=== stdin
^[0-9]+-[0-9]+$
12-34
1234
5-6
=== expected
match: 12-34
match: 5-6
=== peers
gawk-posix mawk original-awk
