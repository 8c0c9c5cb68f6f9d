=== about
cmd | getline does not change NR or FNR in any reference awk (the POSIX table says NR); see docs.
=== program
{ "echo from-cmd" | getline; print $0, NR, FNR; "echo again" | getline v; print v, NR, FNR }
=== stdin
r1
r2
=== expected
from-cmd 1 1
again 1 1
r2 2 2
again 2 2
=== peers
gawk-posix mawk original-awk
