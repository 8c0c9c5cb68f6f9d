=== about
Increasing NF adds empty fields and rebuilds $0.
=== program
BEGIN { OFS = ":" }
{ NF = 5; print; $1 = $1; print }
=== stdin
a b
=== expected
a:b:::
a:b:::
=== peers
gawk-posix mawk original-awk
