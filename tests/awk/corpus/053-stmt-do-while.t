=== about
do-while runs its body at least once.
=== program
BEGIN { i = 10; do { print "i =", i; i++ } while (i < 3); do print "j", j++; while (j < 3) }
=== expected
i = 10
j 0
j 1
j 2
=== peers
gawk-posix mawk original-awk
