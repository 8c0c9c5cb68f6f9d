=== about
close of an input pipe whose command succeeded returns 0.
=== program
BEGIN { "echo hi" | getline x; print x, close("echo hi") }
=== expected
hi 0
=== peers
gawk-posix mawk original-awk
