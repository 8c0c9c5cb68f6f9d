=== about
A while whose condition is false at start never runs its body.
=== program
BEGIN { while (0) print "never"; for (i = 5; i < 3; i++) print "never"; print "done", i }
=== expected
done 5
=== peers
gawk-posix mawk original-awk
