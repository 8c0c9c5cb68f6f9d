=== about
-v assignment values process escape sequences.
=== options
-v "s=one\ntwo" -v t=\\\\
=== program
BEGIN { print s; print t, length(t) }
=== expected
one
two
\ 1
=== peers
gawk-posix mawk original-awk
