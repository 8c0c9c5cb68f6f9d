=== about
A bare regex pattern matches against $0.
=== program
/an/ { print NR ": " $0 }
=== stdin
banana
cherry
mango
kiwi
=== expected
1: banana
3: mango
=== peers
gawk-posix mawk original-awk
