=== about
Width and precision for %d (minimum digits) and %x.
=== program
BEGIN { printf "[%8.3d][%-8.3d][%.5d][%.0d][%4.2x]\n", 7, 7, -42, 0, 10 }
=== expected
[     007][007     ][-00042][][  0a]
=== peers
gawk-posix mawk original-awk
