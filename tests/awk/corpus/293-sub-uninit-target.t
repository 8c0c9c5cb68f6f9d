=== about
sub on an uninitialised variable matches against "" and creates it.
=== program
BEGIN { n = sub(/^/, "start", v); print n, v }
=== expected
1 start
=== peers
gawk-posix mawk original-awk
