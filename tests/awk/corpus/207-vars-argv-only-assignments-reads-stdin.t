=== about
When the operands are only assignments, standard input is read (after the assignments).
=== program
{ print v, $0 }
=== operands
v=set
=== stdin
from stdin
=== expected
set from stdin
=== peers
gawk-posix mawk original-awk
