=== about
Numbering lines with printf.
=== program
{ printf "%4d  %s\n", NR, $0 }
=== stdin
first
second
=== expected
   1  first
   2  second
=== peers
gawk-posix mawk original-awk
