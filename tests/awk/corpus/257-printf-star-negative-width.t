=== about
A negative * width means left alignment (as with the - flag).
=== program
BEGIN { printf "[%*d][%*s]\n", -6, 42, -4, "x" }
=== expected
[42    ][x   ]
=== peers
gawk-posix mawk original-awk
