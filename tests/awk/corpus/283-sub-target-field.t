=== about
sub on a field changes the field and rebuilds $0 with OFS.
=== program
BEGIN { OFS = "," }
{ sub(/^x/, "X", $2); print; print $2 }
=== stdin
a xy  c
=== expected
a,Xy,c
Xy
=== peers
gawk-posix mawk original-awk
