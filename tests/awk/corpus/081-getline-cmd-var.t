=== about
cmd | getline var sets var but not $0 or NF.
=== program
NR == 1 { "printf 'p q\\nr\\n'" | getline v; print v, "|", $0, NF }
=== stdin
s t u
=== expected
p q | s t u 3
=== peers
gawk-posix mawk original-awk
