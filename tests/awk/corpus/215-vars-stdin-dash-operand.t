=== about
The operand "-" reads standard input among the files.
=== program
{ print FNR, $0 }
=== operands
f -
=== stdin
from stdin
=== file f
from file
=== expected
1 from file
1 from stdin
=== peers
gawk-posix mawk original-awk
