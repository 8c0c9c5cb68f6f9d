=== about
The # flag: 0x prefix for %x, leading 0 for %o, kept point for %.0f, trailing zeros for %g.
=== program
BEGIN { printf "%#x %#X %#o %#.0f %#g %#x\n", 255, 255, 8, 3, 2.5, 0 }
=== expected
0xff 0XFF 010 3. 2.50000 0
=== peers
gawk-posix mawk original-awk
