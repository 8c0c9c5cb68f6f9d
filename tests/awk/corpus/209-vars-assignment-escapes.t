=== about
Command-line assignment values process escape sequences like string literals.
=== program
{ print "[" sep "]", length(sep) }
=== operands
'sep=a\tb\\c' -
=== stdin
x
=== expected
[a	b\c] 5
=== peers
gawk-posix mawk original-awk
