=== about
The -, + and space flags.
=== program
BEGIN { printf "[%-5d][%+d][%+d][% d][% d][%-+5d]\n", 7, 7, -7, 7, -7, 3 }
=== expected
[7    ][+7][-7][ 7][-7][+3   ]
=== peers
gawk-posix mawk original-awk
