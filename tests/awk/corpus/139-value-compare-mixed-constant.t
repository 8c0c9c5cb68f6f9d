=== about
Comparing a numeric field with a string constant compares as strings.
=== program
{ print ($1 == "10"), ($1 == "10.0"), ($1 == 10.0), ($1 < "9") }
=== stdin
10
10.0
=== expected
1 0 1 1
0 1 1 1
=== peers
gawk-posix mawk original-awk
