=== about
sub with $0 as explicit target.
=== program
{ sub(/[0-9]+$/, "N", $0); print $0, NF }
=== stdin
item 42
=== expected
item N 2
=== peers
gawk-posix mawk original-awk
