=== about
ARGC and ARGV hold the operands; ARGV[0] is the program name (not printed, it differs).
=== program
BEGIN { print ARGC; for (i = 1; i < ARGC; i++) print i, ARGV[i] }
=== operands
alpha "b c" x=1
=== expected
4
1 alpha
2 b c
3 x=1
=== peers
gawk-posix mawk original-awk
