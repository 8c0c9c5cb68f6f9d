=== about
%c of a string prints its first character.
=== program
BEGIN { printf "[%c][%c]\n", "hello", "x" }
=== expected
[h][x]
=== peers
gawk-posix mawk original-awk
