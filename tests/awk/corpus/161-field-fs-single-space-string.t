=== about
FS = " " (a single space) is the default blank splitting, not a literal space.
=== program
BEGIN { FS = " " }
{ print NF, $2 }
=== stdin-raw
"  p \t q  r\n"
=== expected
3 q
=== peers
gawk-posix mawk original-awk
