=== about
%o, %u, %x and %X of non-negative integers.
=== program
BEGIN { printf "%o %u %x %X %x\n", 8, 42, 255, 255, 3735928559 }
=== expected
10 42 ff FF deadbeef
=== peers
gawk-posix mawk original-awk
