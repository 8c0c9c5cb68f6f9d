=== about
* takes the width (and precision) from the arguments.
=== program
BEGIN { printf "[%*d][%-*s][%.*f][%*.*s]\n", 6, 42, 5, "ab", 2, 3.14159, 8, 3, "abcdef" }
=== expected
[    42][ab   ][3.14][     abc]
=== peers
gawk-posix mawk original-awk
