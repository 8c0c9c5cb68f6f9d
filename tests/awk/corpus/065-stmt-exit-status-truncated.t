=== about
The exit status is the low byte of the argument; a fraction is truncated.
=== program
BEGIN { exit 2.9 }
=== expected
=== exit 2
=== peers
gawk-posix mawk original-awk
