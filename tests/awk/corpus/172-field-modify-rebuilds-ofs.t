=== about
Assigning any field rebuilds $0 using OFS; without assignment $0 keeps its original spacing.
=== program
BEGIN { OFS = "|" }
{ print; $1 = $1; print }
=== stdin-raw
"  a   b\tc  \n"
=== expected
  a   b	c  
a|b|c
=== peers
gawk-posix mawk original-awk
