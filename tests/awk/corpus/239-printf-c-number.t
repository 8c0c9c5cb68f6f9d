=== about
%c of a number prints the character with that code.
=== program
BEGIN { printf "%c%c%c|%c\n", 72, 105, 33, 65.9 }
=== expected
Hi!|A
=== peers
gawk-posix mawk original-awk
