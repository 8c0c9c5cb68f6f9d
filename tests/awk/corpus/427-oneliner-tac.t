=== about
Printing lines in reverse order (tac).
=== program
{ line[NR] = $0 }
END { for (i = NR; i > 0; i--) print line[i] }
=== stdin
1
2
3
=== expected
3
2
1
=== peers
gawk-posix mawk original-awk
