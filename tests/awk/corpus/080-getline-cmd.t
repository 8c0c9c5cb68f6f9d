=== about
cmd | getline sets $0 and NF; a loop reads every line, then close returns the command's status.
=== program
BEGIN { while (("echo a b; echo c" | getline) > 0) print $0, NF, $2; print close("echo a b; echo c") }
=== expected
a b 2 b
c 1 
0
=== peers
gawk-posix mawk original-awk
