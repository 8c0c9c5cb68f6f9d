=== about
A record read by getline is a numeric string when it looks numeric.
=== program
BEGIN { "echo 10" | getline a; "echo 9" | getline b; print (a > b) }
=== expected
1
=== peers
gawk-posix mawk original-awk
