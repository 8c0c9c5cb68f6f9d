=== about
ARGV elements that look numeric are numeric strings.
=== program
BEGIN { print (ARGV[1] < ARGV[2]), (ARGV[1] == 10), (ARGV[3] < ARGV[4]) }
=== operands
10 9 abc abd
=== expected
0 1 1
=== peers
gawk-posix mawk original-awk
