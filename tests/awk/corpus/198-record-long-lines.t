=== about
A long record (over 10,000 bytes) is read intact.
=== program
BEGIN { for (i = 0; i < 3000; i++) s = s "abcd"; print s > "long.txt"; close("long.txt"); getline line < "long.txt"; print length(line) }
{ print length($0) }
=== stdin
short
=== expected
12000
5
=== peers
gawk-posix mawk original-awk
