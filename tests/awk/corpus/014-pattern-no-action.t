=== about
A pattern without an action prints the record; an action without a pattern runs for each record.
=== program
NR % 2
{ n++ }
END { print n }
=== stdin
1
2
3
4
5
=== expected
1
3
5
5
=== peers
gawk-posix mawk original-awk
