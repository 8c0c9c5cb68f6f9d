=== about
Associative arrays keyed by strings; counting occurrences.
=== program
{ n[$1]++ }
END { print n["apple"], n["pear"], n["fig"] + 0 }
=== stdin
apple
pear
apple
apple
=== expected
3 1 0
=== peers
gawk-posix mawk original-awk
