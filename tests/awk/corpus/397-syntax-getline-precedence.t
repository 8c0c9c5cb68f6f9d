=== about
"cmd" | getline > 0 parses as ("cmd" | getline) > 0.
=== program
BEGIN { while ("echo x; echo y" | getline > 0) n++; print n }
=== expected
2
=== peers
gawk-posix mawk original-awk
